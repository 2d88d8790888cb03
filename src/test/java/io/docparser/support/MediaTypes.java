package io.docparser.support;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Media types as the contract judge compares them: unlike swagger-request-validator, which drops parameters, a
 * declared media type's parameters must be present in the answer's, so that {@code application/json} and
 * {@code application/json; charset=utf-8} can be two different answers of one status.
 */
final class MediaTypes {

  private MediaTypes() {
  }

  static boolean isJson(String mediaType) {
    ParsedType type = ParsedType.parse(mediaType);
    return type != null && type.type.equals("application")
        && (type.subtype.equals("json") || type.subtype.endsWith("+json"));
  }

  /**
   * The declared media type an answer's Content-Type stands for: the same type and subtype, with every parameter the
   * declared one names present with the same value (case-insensitive); the most specific such one.
   */
  static Optional<String> declaredFor(String contentType, Iterable<String> declared) {
    ParsedType actual = ParsedType.parse(contentType);
    if (actual == null) {
      return Optional.empty();
    }
    List<String> candidates = new ArrayList<>();
    for (String key : declared) {
      ParsedType wanted = ParsedType.parse(key);
      if (wanted != null && wanted.matches(actual)) {
        candidates.add(key);
      }
    }
    return candidates.stream()
        .max(Comparator.comparingInt((String key) -> ParsedType.parse(key).parameters.size()));
  }

  /** A media type: type and subtype in lower case, and its parameters (names and values in lower case). */
  record ParsedType(String type, String subtype, Map<String, String> parameters) {

    static ParsedType parse(String text) {
      String[] parts = text.split(";");
      String[] kind = parts[0].trim().toLowerCase(Locale.ROOT).split("/", -1);
      if (kind.length != 2 || kind[0].isEmpty() || kind[1].isEmpty()) {
        return null;
      }
      Map<String, String> parameters = new LinkedHashMap<>();
      for (int i = 1; i < parts.length; i++) {
        String[] parameter = parts[i].split("=", 2);
        if (parameter.length != 2) {
          return null;
        }
        parameters.put(parameter[0].trim().toLowerCase(Locale.ROOT),
            unquote(parameter[1].trim()).toLowerCase(Locale.ROOT));
      }
      return new ParsedType(kind[0], kind[1], parameters);
    }

    boolean matches(ParsedType actual) {
      return type.equals(actual.type) && subtype.equals(actual.subtype)
          && parameters.entrySet().stream()
              .allMatch(parameter -> parameter.getValue().equals(actual.parameters.get(parameter.getKey())));
    }

    private static String unquote(String value) {
      return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
          ? value.substring(1, value.length() - 1) : value;
    }
  }
}
