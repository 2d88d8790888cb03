package io.docparser.http;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The boundary of a multipart Content-Type, checked before the HTTP server's decoder sees it: the decoder throws on
 * an empty or missing boundary ({@code boundary=}, {@code ; boundary}) from where it is set up, which would end as a
 * 500, so such a request is refused here as malformed.
 */
final class MultipartBoundary {

  /** RFC 2046, section 5.1.1: 1 to 70 characters of bchars, the last one not a space. */
  private static final Pattern VALID = Pattern.compile("[0-9A-Za-z'()+_,\\-./:=? ]{0,69}[0-9A-Za-z'()+_,\\-./:=?]");
  private static final String PARAMETER = "boundary";

  private MultipartBoundary() {
  }

  /** What is wrong with the Content-Type's boundary; empty when it has one usable boundary. */
  static Optional<String> problem(String contentType) {
    String[] parts = contentType.split(";");
    String boundary = null;
    for (int i = 1; i < parts.length; i++) {
      String[] parameter = parts[i].split("=", 2);
      if (!parameter[0].trim().toLowerCase(Locale.ROOT).equals(PARAMETER)) {
        continue;
      }
      if (boundary != null) {
        return Optional.of("the multipart Content-Type gives its boundary twice");
      }
      boundary = parameter.length == 2 ? unquoted(parameter[1].trim()) : "";
    }
    if (boundary == null) {
      return Optional.of("the multipart Content-Type has no boundary parameter");
    }
    if (!VALID.matcher(boundary).matches()) {
      return Optional.of("the multipart boundary must be 1 to 70 letters, digits or '()+_,-./:=? characters"
          + " (RFC 2046), not ending in a space");
    }
    return Optional.empty();
  }

  private static String unquoted(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
  }
}
