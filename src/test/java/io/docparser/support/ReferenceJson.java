package io.docparser.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.tika.metadata.Metadata;

/**
 * The json output as tika-server's /rmeta writes RecursiveParserWrapper's list: one object per document, the
 * container first; a key with one value holds a string, a key with several an array. (tika-server writes it with
 * JsonMetadataList from tika-serialization, which Maven Central does not have for Tika 3.3.1, so the convention is
 * written out here.) Each document's text is under X-TIKA:content: the contract leaves the content's form open, and
 * the service gives text, as /rmeta/text does. Compared entry by entry, in order, and key by key.
 */
final class ReferenceJson {

  private static final String CONTENT = "X-TIKA:content";
  /** Stack traces: their frames name the calling code, which differs between a parse in-process and in a child. */
  private static final String EXCEPTION_PREFIX = "X-TIKA:EXCEPTION:";
  private static final Pattern IDENTITY = Pattern.compile("@[0-9a-f]+\\b");

  private ReferenceJson() {
  }

  static String write(List<Metadata> documents) {
    JsonArray json = new JsonArray();
    for (Metadata document : documents) {
      JsonObject entry = new JsonObject();
      for (String name : document.names()) {
        String[] values = document.getValues(name);
        entry.put(name, values.length == 1 ? values[0] : new JsonArray(List.of((Object[]) values)));
      }
      json.add(entry);
    }
    return json.encode();
  }

  static Optional<String> difference(String expectedJson, Object actual) {
    JsonArray expected = new JsonArray(expectedJson);
    JsonArray got = actual instanceof JsonArray array ? array : new JsonArray(String.valueOf(actual));
    if (expected.size() != got.size()) {
      return Optional.of("expected " + expected.size() + " documents " + paths(expected) + ", got " + got.size() + " "
          + paths(got));
    }
    List<String> differences = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      String document = "document " + i + " " + paths(expected).get(i) + ": ";
      entryDifference(expected.getJsonObject(i), got.getJsonObject(i))
          .ifPresent(difference -> differences.add(document + difference));
    }
    return differences.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", differences));
  }

  private static Optional<String> entryDifference(JsonObject expected, JsonObject got) {
    TreeSet<String> wanted = comparableKeys(expected);
    TreeSet<String> present = comparableKeys(got);
    if (!wanted.equals(present)) {
      TreeSet<String> missing = new TreeSet<>(wanted);
      missing.removeAll(present);
      TreeSet<String> extra = new TreeSet<>(present);
      extra.removeAll(wanted);
      return Optional.of("keys missing " + missing + ", unexpected " + extra);
    }
    List<String> differences = new ArrayList<>();
    for (String key : wanted) {
      valueDifference(key, expected.getValue(key), got.getValue(key))
          .ifPresent(difference -> differences.add(key + " " + difference));
    }
    return differences.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", differences));
  }

  private static Optional<String> valueDifference(String key, Object expected, Object got) {
    if (got instanceof JsonArray array && array.size() < 2) {
      return Optional.of("holds an array of " + array.size() + " values, where one value is written as a string");
    }
    if (key.equals(CONTENT)) {
      return ReferenceFormat.TEXT.difference(String.valueOf(expected), String.valueOf(got));
    }
    List<String> wanted = comparable(key, values(expected));
    List<String> present = comparable(key, values(got));
    return wanted.equals(present) ? Optional.empty() : Optional.of("expected " + wanted + ", got " + present);
  }

  private static List<String> values(Object value) {
    return value instanceof JsonArray array
        ? array.stream().map(String::valueOf).toList()
        : List.of(String.valueOf(value));
  }

  /**
   * The values as they are compared; of a stack trace, its first line: the exception and its message, in which
   * Tika names a parser by its object, whose identity hash differs from one JVM to the next.
   */
  private static List<String> comparable(String key, List<String> values) {
    return key.startsWith(EXCEPTION_PREFIX)
        ? values.stream().map(trace -> IDENTITY.matcher(trace.lines().findFirst().orElse("")).replaceAll("@"))
            .toList()
        : ServiceDifferences.comparable(key, values);
  }

  private static TreeSet<String> comparableKeys(JsonObject entry) {
    TreeSet<String> keys = new TreeSet<>(entry.fieldNames());
    keys.removeIf(key -> !ServiceDifferences.compared(key));
    return keys;
  }

  private static List<String> paths(JsonArray documents) {
    return documents.stream().map(d -> ((JsonObject) d).getString("X-TIKA:embedded_resource_path", "(container)"))
        .toList();
  }
}
