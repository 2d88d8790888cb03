package io.docparser.parsing;

import io.docparser.api.ErrorCode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.EmptyParser;

/** How Tika's output becomes a job's result, the same whether the parse ran in this JVM or in a child process. */
final class TikaResults {

  private static final String EMPTY_PARSER = EmptyParser.class.getName();

  private TikaResults() {
  }

  /** A document that only Tika's EmptyParser touched had no parser: its type is not supported. */
  static ParseOutcome parsedOrUnsupported(Metadata container, JobResult result) {
    String[] parsedBy = container.getValues(TikaCoreProperties.TIKA_PARSED_BY);
    if (parsedBy.length == 0 || Arrays.stream(parsedBy).allMatch(EMPTY_PARSER::equals)) {
      String type = result.contentType() == null ? "application/octet-stream" : result.contentType();
      return new ParseOutcome.Failed(ErrorCode.UNSUPPORTED_DOCUMENT_TYPE,
          ParseFailures.message(ErrorCode.UNSUPPORTED_DOCUMENT_TYPE, type), type);
    }
    return new ParseOutcome.Parsed(result);
  }

  static boolean anyTruncated(List<Metadata> documents) {
    return documents.stream().anyMatch(d -> "true".equals(d.get(TikaCoreProperties.WRITE_LIMIT_REACHED)));
  }

  static Map<String, List<String>> toMap(Metadata metadata) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (String name : metadata.names()) {
      map.put(name, List.of(metadata.getValues(name)));
    }
    return map;
  }

  static Map<String, List<String>> withoutContent(Metadata metadata) {
    Map<String, List<String>> map = toMap(metadata);
    map.remove(TikaCoreProperties.TIKA_CONTENT.getName());
    return map;
  }
}
