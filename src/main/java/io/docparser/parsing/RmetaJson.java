package io.docparser.parsing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.apache.tika.metadata.Metadata;

/**
 * The json output: one object per document, the container first, as tika-server's /rmeta writes them. A key with
 * one value holds a string, a key with several an array; the content is under {@code X-TIKA:content}, the
 * embedded path under {@code X-TIKA:embedded_resource_path}, an embedded document's failure under
 * {@code X-TIKA:EXCEPTION:embedded_exception}.
 */
final class RmetaJson {

  private RmetaJson() {
  }

  static String write(List<Metadata> documents) {
    JsonArray array = new JsonArray();
    for (Metadata document : documents) {
      JsonObject entry = new JsonObject();
      for (String name : document.names()) {
        String[] values = document.getValues(name);
        entry.put(name, values.length == 1 ? values[0] : new JsonArray(List.of(values)));
      }
      array.add(entry);
    }
    return array.encode();
  }
}
