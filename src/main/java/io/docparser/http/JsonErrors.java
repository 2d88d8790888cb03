package io.docparser.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a JSON parser's message into one a client can act on: what is wrong, and where. */
final class JsonErrors {

  private static final Pattern JACKSON = Pattern.compile(
      "(?s)(?:Failed to decode:)?\\s*(.*?)\\s*\\n\\s*at \\[Source:.*?line: (\\d+), column: (\\d+)\\].*");

  private JsonErrors() {
  }

  /** ": <problem> (line L, column C)", or "" when the message has no usable detail. */
  static String describe(Throwable decodeFailure) {
    String message = decodeFailure.getMessage();
    if (message == null) {
      return "";
    }
    Matcher m = JACKSON.matcher(message);
    if (m.matches()) {
      return " (line " + m.group(2) + ", column " + m.group(3) + "): " + m.group(1);
    }
    return "";
  }
}
