package io.docparser.http;

import io.docparser.api.ErrorCode;
import io.docparser.api.OutputFormat;
import io.docparser.api.ServiceException;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * The options of a submission, the same in every upload form: JSON fields or form fields, query parameters, and
 * the password header. One option given twice with different values is a 400, and so is a password in the URL,
 * where it would end up in access logs.
 */
final class SubmitOptions {

  static final String OUTPUT_FORMAT = "output_format";
  static final String FILENAME = "filename";
  static final String CONTENT_TYPE = "content_type";
  static final String PASSWORD = "password";
  static final String PASSWORD_HEADER = "X-Document-Password";
  private static final Set<String> QUERY_OPTIONS = Set.of(OUTPUT_FORMAT, FILENAME);
  private static final int MAX_FILENAME_CHARS = 1024;

  private SubmitOptions() {
  }

  /**
   * @param body the options given in the body (JSON fields or form fields); a missing option is absent or null
   */
  static Options resolve(Map<String, String> body, MultiMap query, MultiMap headers) {
    checkQuery(query);
    String format = pick(OUTPUT_FORMAT, body.get(OUTPUT_FORMAT), query.get(OUTPUT_FORMAT));
    String filename = pick(FILENAME, body.get(FILENAME), query.get(FILENAME));
    String password = pick(PASSWORD, body.get(PASSWORD), passwordHeader(headers));
    return new Options(outputFormat(format), filename(filename), body.get(CONTENT_TYPE), password);
  }

  private static void checkQuery(MultiMap query) {
    if (query.contains(PASSWORD)) {
      throw invalid("a password must not be sent in the URL, where logs keep it; send it in the "
          + PASSWORD_HEADER + " header or as the '" + PASSWORD + "' field of the body");
    }
    for (String name : query.names()) {
      if (!QUERY_OPTIONS.contains(name)) {
        throw invalid("unknown query parameter '" + name + "'; /submit takes: " + String.join(", ", QUERY_OPTIONS));
      }
      if (query.getAll(name).size() > 1) {
        throw invalid("query parameter '" + name + "' is given more than once");
      }
    }
  }

  private static String pick(String option, String fromBody, String fromElsewhere) {
    if (fromBody != null && fromElsewhere != null && !fromBody.equals(fromElsewhere)) {
      throw invalid(option + " is given twice, with different values");
    }
    return fromBody != null ? fromBody : fromElsewhere;
  }

  private static OutputFormat outputFormat(String value) {
    if (value == null) {
      return OutputFormat.TEXT;
    }
    return OutputFormat.fromWireName(value).orElseThrow(() -> invalid(
        OUTPUT_FORMAT + " '" + value + "' is not one of: " + String.join(", ", OutputFormat.wireNames())));
  }

  private static String filename(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.length() > MAX_FILENAME_CHARS || value.chars().anyMatch(Character::isISOControl)) {
      throw invalid(FILENAME + " must be at most " + MAX_FILENAME_CHARS + " characters, without control characters");
    }
    return value;
  }

  /** The header is percent-encoded UTF-8, so that any password fits in it; '+' is a plus sign, not a space. */
  private static String passwordHeader(MultiMap headers) {
    String encoded = headers.get(PASSWORD_HEADER);
    if (encoded == null) {
      return null;
    }
    try {
      return java.net.URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid(PASSWORD_HEADER + " is not valid percent-encoded UTF-8");
    }
  }

  static ServiceException invalid(String message) {
    return new ServiceException(ErrorCode.INVALID_REQUEST, message);
  }

  static ServiceException tooLarge(long size, long max) {
    return new ServiceException(ErrorCode.PAYLOAD_TOO_LARGE, "the document has " + size
        + " bytes; this service accepts documents of up to " + max + " bytes");
  }

  static ServiceException empty() {
    return invalid("the document is empty: there is nothing to parse");
  }

  /** Resolved options; the password is never part of {@link #toString()}. */
  record Options(OutputFormat outputFormat, String filename, String contentType, String password) {
    @Override
    public String toString() {
      return "Options[" + outputFormat + ", filename=" + filename + ", contentType=" + contentType + "]";
    }
  }
}
