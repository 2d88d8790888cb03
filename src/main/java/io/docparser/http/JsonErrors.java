package io.docparser.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;

/** Turns a JSON parser's complaint into one a client can act on: what is wrong, and where. */
final class JsonErrors {

  /** Where Jackson's message starts describing its input source, which names Jackson's own classes and settings. */
  private static final List<String> SOURCE_MARKERS = List.of("\n", " (start marker at", "[Source");

  private JsonErrors() {
  }

  /** " (line L, column C): problem", without the parser's description of its input. */
  static String describe(JsonProcessingException failure) {
    String problem = failure.getOriginalMessage() == null ? "" : failure.getOriginalMessage();
    for (String marker : SOURCE_MARKERS) {
      int at = problem.indexOf(marker);
      problem = at < 0 ? problem : problem.substring(0, at);
    }
    JsonLocation where = failure.getLocation();
    String place = where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
    return problem.isBlank() ? place : place + ": " + problem.strip();
  }
}
