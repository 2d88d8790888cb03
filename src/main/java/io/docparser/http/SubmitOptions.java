package io.docparser.http;

import io.docparser.api.ErrorCode;
import io.docparser.api.OutputFormat;
import io.docparser.api.ServiceException;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

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
  /** The options that may come as query parameters (of the operations that take options in the query). */
  static final Set<String> QUERY_OPTIONS = Set.of(OUTPUT_FORMAT, FILENAME);
  /** Media types are short; a longer value is not one. */
  private static final int MAX_CONTENT_TYPE_CHARS = 255;
  private static final Pattern MEDIA_TYPE = Pattern.compile("[\\x21-\\x7e]+/[\\x20-\\x7e]+");
  /** Far longer than any document format's password (PDF's are at most 127 bytes, Office's 255 characters). */
  private static final int MAX_PASSWORD_CHARS = 1024;
  private static final int MAX_QUOTED_CHARS = 64;

  private SubmitOptions() {
  }

  /**
   * @param body the options given in the body (JSON fields or form fields); a missing option is absent or null
   */
  static Options resolve(Map<String, String> body, MultiMap query, MultiMap headers) {
    checkQuery(query, QUERY_OPTIONS);
    String format = pick(OUTPUT_FORMAT, body.get(OUTPUT_FORMAT), query.get(OUTPUT_FORMAT));
    String filename = pick(FILENAME, body.get(FILENAME), query.get(FILENAME));
    String password = pick(PASSWORD, body.get(PASSWORD), passwordHeader(headers));
    return new Options(outputFormat(format), FileNames.clean(filename), contentType(body.get(CONTENT_TYPE)),
        password(password));
  }

  /** @param allowed the options the operation takes in its query */
  static void checkQuery(MultiMap query, Set<String> allowed) {
    if (query.contains(PASSWORD)) {
      throw invalid("a password must not be sent in the URL, where logs keep it; send it in the "
          + PASSWORD_HEADER + " header or as the '" + PASSWORD + "' field of the body");
    }
    for (String name : query.names()) {
      if (!allowed.contains(name)) {
        throw invalid("unknown query parameter " + quoted(name) + (allowed.isEmpty()
            ? "; this operation takes its options in the body" : "; it takes: " + String.join(", ", allowed)));
      }
      if (query.getAll(name).size() > 1) {
        throw invalid("query parameter " + quoted(name) + " is given more than once");
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
        OUTPUT_FORMAT + " " + quoted(value) + " is not one of: " + String.join(", ", OutputFormat.wireNames())));
  }

  /** A hint shown in job status until the document is parsed, so it must look like a media type. */
  private static String contentType(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.length() > MAX_CONTENT_TYPE_CHARS || !MEDIA_TYPE.matcher(value).matches()) {
      throw invalid(CONTENT_TYPE + " must be a media type such as application/pdf: printable ASCII, at most "
          + MAX_CONTENT_TYPE_CHARS + " characters");
    }
    return value;
  }

  private static String password(String value) {
    if (value != null && value.length() > MAX_PASSWORD_CHARS) {
      throw invalid(PASSWORD + " must be at most " + MAX_PASSWORD_CHARS + " characters");
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

  /** A client's value as an error message may quote it: short and printable, or described by its length. */
  static String quoted(String value) {
    return value.length() <= MAX_QUOTED_CHARS && value.chars().noneMatch(Character::isISOControl)
        ? "'" + value + "'"
        : "(a value of " + value.length() + " characters)";
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
