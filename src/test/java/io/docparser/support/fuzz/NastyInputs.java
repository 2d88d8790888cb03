package io.docparser.support.fuzz;

import static io.docparser.support.fuzz.RequestFactory.part;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed list of inputs that broke HTTP services before: percent-escapes broken or decoding to control characters,
 * raw CR/LF and NUL, overlong and invalid UTF-8, numbers that overflow, very long values, multipart boundary edge
 * cases and huge headers. Values are wire text (one char per byte, see {@link FuzzRequest}).
 */
public final class NastyInputs {

  /** Longer than the 8 KiB request line the server reads: a 414 wherever it goes in the URL. */
  public static final int OVER_LINE_LIMIT = 8300;

  private NastyInputs() {
  }

  /** A labelled value. */
  public record Value(String label, String wire) {
  }

  /** Values for a path segment, a query value or a header value, sent as they are. */
  public static final List<Value> VALUES = List.of(
      new Value("empty", ""),
      new Value("a lone %", "%"),
      new Value("a truncated escape %4", "%4"),
      new Value("a non-hex escape %zz", "%zz"),
      new Value("a half-hex escape %G1", "%G1"),
      new Value("%%", "%%"),
      new Value("a %u escape", "%u0041"),
      new Value("an encoded NUL", "a%00b"),
      new Value("encoded CR/LF", "a%0D%0ASet-Cookie:%20x=y"),
      new Value("an encoded LF", "%0A"),
      new Value("a raw NUL", "a\u0000b"),
      new Value("a raw CR/LF with a header after it", "a\r\nX-Injected: 1"),
      new Value("a raw lone CR", "a\rb"),
      new Value("a raw lone LF", "a\nb"),
      new Value("a raw tab", "a\tb"),
      new Value("a raw DEL", "a\u007Fb"),
      new Value("overlong '/' (2 bytes), encoded", "%C0%AF"),
      new Value("overlong NUL (2 bytes), encoded", "%C0%80"),
      new Value("overlong '/' (3 bytes), encoded", "%E0%80%AF"),
      new Value("overlong '/' (4 bytes), encoded", "%F0%80%80%AF"),
      new Value("a 5-byte sequence, encoded", "%F8%80%80%80%AF"),
      new Value("overlong '/' (2 bytes), raw", "\u00C0\u00AF"),
      new Value("overlong '.' '.' '/' raw", "\u00C0\u00AE\u00C0\u00AE\u00C0\u00AF"),
      new Value("invalid UTF-8 (C3 28), encoded", "%C3%28"),
      new Value("invalid UTF-8 (FF FE), raw", "\u00FF\u00FE"),
      new Value("a UTF-16 surrogate in UTF-8, encoded", "%ED%A0%80"),
      new Value("valid UTF-8 (e acute, RLO, emoji), encoded", "%C3%A9%E2%80%AE%F0%9F%98%80"),
      new Value("valid UTF-8, raw", FuzzRequest.utf8("\u00E9\u202E\uD83D\uDE00")),
      new Value("2^31", "2147483648"),
      new Value("-2^31-1", "-2147483649"),
      new Value("2^63", "9223372036854775808"),
      new Value("-2^63-1", "-9223372036854775809"),
      new Value("a number of 400 digits", "9".repeat(400)),
      new Value("1e309", "1e309"),
      new Value("-0", "-0"),
      new Value("leading zeros", "0000000000000000000001"),
      new Value("hex", "0x10"),
      new Value("a plus sign", "+1"),
      new Value("a decimal", "1.0"),
      new Value("NaN", "NaN"),
      new Value("Infinity", "Infinity"),
      new Value("an encoded space and a number", "%201"),
      new Value("a space", "%20"),
      new Value("a plus", "+"),
      new Value("dot segments", "../../etc/passwd"),
      new Value("encoded dot segments", "..%2F..%2Fetc%2Fpasswd"),
      new Value("double-encoded dot segments", "%252e%252e%252f"),
      new Value("markup", "%3Cscript%3Ealert(1)%3C/script%3E"),
      new Value("quotes", "%22%27%60"),
      new Value("a lookup string", "$%7Bjndi:ldap://127.0.0.1/a%7D"),
      new Value("an ampersand and equals", "a%26b%3Dc"),
      new Value("a raw '#'", "a#b"),
      new Value("4000 characters", "a".repeat(4000)),
      new Value("past the request-line limit", "a".repeat(OVER_LINE_LIMIT)),
      new Value("3000 encoded escapes (past the limit)", "%41".repeat(3000)));

  /** JSON values for a body field: the wrong type, numbers past every limit, deep nesting, escapes. */
  public static final List<Value> JSON_VALUES = List.of(
      new Value("null", "null"),
      new Value("true", "true"),
      new Value("a number", "1"),
      new Value("2^63", "9223372036854775808"),
      new Value("a number of 1000 digits", "9".repeat(1000)),
      new Value("1e999999999", "1e999999999"),
      new Value("-1e-999999999", "-1e-999999999"),
      new Value("an object", "{}"),
      new Value("an array", "[\"a\"]"),
      new Value("10000 nested arrays", "[".repeat(10_000) + "]".repeat(10_000)),
      new Value("an empty string", "\"\""),
      new Value("an escaped NUL", "\"a\\u0000b\""),
      new Value("escaped CR/LF", "\"a\\r\\nX-Injected: 1\""),
      new Value("a lone surrogate escape", "\"\\ud800\""),
      new Value("a bad escape", "\"\\x41\""),
      new Value("a raw control character", "\"a\u0001b\""),
      new Value("overlong UTF-8 in a string", "\"\u00C0\u00AF\""),
      new Value("invalid UTF-8 in a string", "\"\u00C3\u0028\u00FF\""),
      new Value("an unterminated string", "\"abc"),
      new Value("a string of 300000 characters", "\"" + "s".repeat(300_000) + "\""));

  /** Multipart bodies that test the edges of boundaries and limits: label, Content-Type, body. */
  public static List<String[]> multipartCases() {
    String file = part("b", "file", "a.txt", "hello");
    String seventy = "b".repeat(70);
    String seventyOne = "b".repeat(71);
    List<String[]> cases = new ArrayList<>();
    cases.add(new String[] {"boundary= empty", "multipart/form-data; boundary=", "--\r\n" + "--\r\n"});
    cases.add(new String[] {"no boundary parameter", "multipart/form-data", file + "--b--\r\n"});
    cases.add(new String[] {"a quoted boundary", "multipart/form-data; boundary=\"b\"", file + "--b--\r\n"});
    cases.add(new String[] {"a quoted boundary with a space", "multipart/form-data; boundary=\"b c\"",
        part("b c", "file", "a.txt", "hello") + "--b c--\r\n"});
    cases.add(new String[] {"an unterminated quoted boundary", "multipart/form-data; boundary=\"b",
        file + "--b--\r\n"});
    cases.add(new String[] {"a boundary of 70 characters (the limit)", "multipart/form-data; boundary=" + seventy,
        part(seventy, "file", "a.txt", "hello") + "--" + seventy + "--\r\n"});
    cases.add(new String[] {"a boundary of 71 characters", "multipart/form-data; boundary=" + seventyOne,
        part(seventyOne, "file", "a.txt", "hello") + "--" + seventyOne + "--\r\n"});
    cases.add(new String[] {"a boundary of 5000 characters", "multipart/form-data; boundary=" + "b".repeat(5000),
        part("b".repeat(5000), "file", "a.txt", "hello") + "--" + "b".repeat(5000) + "--\r\n"});
    cases.add(new String[] {"a boundary with CR in a quoted string", "multipart/form-data; boundary=\"a\rb\"",
        file + "--b--\r\n"});
    cases.add(new String[] {"two boundary parameters", "multipart/form-data; boundary=a; boundary=b",
        file + "--b--\r\n"});
    cases.add(new String[] {"a boundary the body does not use", "multipart/form-data; boundary=zzz",
        file + "--b--\r\n"});
    cases.add(new String[] {"no closing delimiter", "multipart/form-data; boundary=b", file});
    cases.add(new String[] {"a body that is only the closing delimiter", "multipart/form-data; boundary=b",
        "--b--\r\n"});
    cases.add(new String[] {"an empty body", "multipart/form-data; boundary=b", ""});
    cases.add(new String[] {"no file part", "multipart/form-data; boundary=b",
        part("b", "output_format", null, "text") + "--b--\r\n"});
    cases.add(new String[] {"two file parts", "multipart/form-data; boundary=b", file + file + "--b--\r\n"});
    cases.add(new String[] {"a part without Content-Disposition", "multipart/form-data; boundary=b",
        "--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n" + file + "--b--\r\n"});
    cases.add(new String[] {"a part name with a quote and CR/LF", "multipart/form-data; boundary=b",
        "--b\r\nContent-Disposition: form-data; name=\"fi\\\"le\r\nX: y\"\r\n\r\nhello\r\n--b--\r\n"});
    cases.add(new String[] {"LF-only line breaks", "multipart/form-data; boundary=b",
        file.replace("\r\n", "\n") + "--b--\n"});
    cases.add(new String[] {"a preamble and an epilogue", "multipart/form-data; boundary=b",
        "preamble\r\n" + file + "--b--\r\nepilogue"});
    cases.add(new String[] {"1000 fields after the file part", "multipart/form-data; boundary=b",
        file + part("b", "f", null, "v").repeat(1000) + "--b--\r\n"});
    cases.add(new String[] {"a field of 200000 characters after the file part", "multipart/form-data; boundary=b",
        file + part("b", "filename", null, "n".repeat(200_000)) + "--b--\r\n"});
    cases.add(new String[] {"a part header of 20000 characters", "multipart/form-data; boundary=b",
        "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + "n".repeat(20_000)
            + "\"\r\n\r\nhello\r\n--b--\r\n"});
    cases.add(new String[] {"an unknown field after the file part", "multipart/form-data; boundary=b",
        file + part("b", "zzz", null, "1") + "--b--\r\n"});
    cases.add(new String[] {"output_format twice, different", "multipart/form-data; boundary=b",
        part("b", "output_format", null, "text") + part("b", "output_format", null, "html") + file
            + "--b--\r\n"});
    cases.add(new String[] {"a filename* with encoded CR/LF and NUL", "multipart/form-data; boundary=b",
        "--b\r\nContent-Disposition: form-data; name=\"file\"; filename*=UTF-8''a%0D%0A%00.txt\r\n\r\nhi\r\n--b--\r\n"});
    cases.add(new String[] {"a filename* with a broken escape", "multipart/form-data; boundary=b",
        "--b\r\nContent-Disposition: form-data; name=\"file\"; filename*=UTF-8''a%zz\r\n\r\nhi\r\n--b--\r\n"});
    cases.add(new String[] {"multipart/mixed", "multipart/mixed; boundary=b", file + "--b--\r\n"});
    cases.add(new String[] {"a charset on the multipart type", "multipart/form-data; charset=utf-8; boundary=b",
        file + "--b--\r\n"});
    return cases;
  }

  /** Content-Types that are wrong somewhere, for any operation. */
  public static final List<String> CONTENT_TYPES = List.of(
      "", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=iso-8859-1",
      "application/json;;", "*/*", "application", "application/", "/json", "application/json\u0000",
      "APPLICATION/JSON", "application/octet-stream; x=\"unterminated", "multipart/form-data; boundary=\r\n x",
      "application/vnd.api+json", "a".repeat(9000));

  /** Methods to try on every path. */
  public static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
      "TRACE", "CONNECT", "PROPFIND", "get", "G\u00C9T", "X".repeat(300));
}
