package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.api.ErrorCode;
import io.docparser.support.DeployedNode;
import io.docparser.support.RawHttp;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile requests against a real node over real sockets: each gets a 4xx with the JSON error body and the security
 * headers, never a 5xx, a stack trace, a class name or a host path; and the node serves normally afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Hostile requests")
class HostileRequestsTest {

  private static final int MAX_DOCUMENT_BYTES = 200_000;
  private static final String JOB = UUID.randomUUID().toString();
  private static final Pattern STACK_FRAME = Pattern.compile("\\bat [\\w$]+(\\.[\\w$]+)+\\(");
  private static final List<String> INTERNALS = List.of("Exception", "io.vertx", "java.", "io.netty",
      "com.fasterxml", "io.docparser", "org.apache", "StreamRead", "[Source", "REDACTED");

  @RegisterExtension
  static final DeployedNode node =
      DeployedNode.with(Map.of("DOCPARSER_MAX_UPLOAD_BYTES", String.valueOf(MAX_DOCUMENT_BYTES)));

  /** The node's upload directory, made fresh for it (beside its data): a file left in it was left by this class. */
  static Path uploads;
  /** The Host every request names: a node without keys serves only its own loopback address and port. */
  private static String host;
  private static RawHttp raw;
  private static String realJob;

  @BeforeAll
  static void connect() {
    uploads = node.config().uploadDir();
    host = "127.0.0.1:" + node.httpPort();
    raw = new RawHttp(node.httpPort());
  }

  static Stream<Arguments> hostileRequests() {
    String job = realJob();
    String fileThenLongField = part("file", "a.txt", "x".repeat(150_000)) + part("output_format", null, "o".repeat(9000))
        + "--b--\r\n";
    String fileThenManyFields = part("file", "a.txt", "x".repeat(150_000)) + part("f", null, "v").repeat(20)
        + "--b--\r\n";
    Stream<Arguments> fieldsAfterTheFile = IntStream.rangeClosed(1, 10).boxed().flatMap(attempt -> Stream.of(
        refused("a 9000-byte field after the file part, attempt " + attempt, post("/submit",
            "multipart/form-data; boundary=b", bytes(fileThenLongField)), ErrorCode.INVALID_REQUEST),
        refused("20 fields after the file part, attempt " + attempt, post("/submit",
            "multipart/form-data; boundary=b", bytes(fileThenManyFields)), ErrorCode.INVALID_REQUEST)));
    return Stream.concat(fieldsAfterTheFile, Stream.of(
        refused("a broken escape in the cursor", get("/jobs?cursor=%zz"), ErrorCode.INVALID_REQUEST),
        refused("a broken escape in the limit", get("/jobs?limit=%zz"), ErrorCode.INVALID_REQUEST),
        refused("a broken escape in a query name", get("/jobs?%zz=1"), ErrorCode.INVALID_REQUEST),
        refused("a lone % at the end of the query", get("/jobs?cursor=%"), ErrorCode.INVALID_REQUEST),
        refused("a broken escape in the query of a job's status", get("/status/" + job + "?wait=%zz"),
            ErrorCode.INVALID_REQUEST),
        refused("a broken escape in the query of a job's result", get("/result/" + job + "?%zz=1"),
            ErrorCode.INVALID_REQUEST),
        refused("a broken escape in the query of a DELETE", request("DELETE /jobs/" + job + "?x=%g0 HTTP/1.1\r\n"
            + "Host: " + host + "\r\nConnection: close\r\n\r\n"), ErrorCode.INVALID_REQUEST),
        refused("a negative cursor, a string the contract must not read as a number", get("/jobs?cursor=-1"),
            ErrorCode.INVALID_REQUEST),
        refused("a multipart boundary that is empty", post("/submit", "multipart/form-data; boundary=",
            bytes(part("file", "a.txt", "hello") + "--b--\r\n")), ErrorCode.INVALID_REQUEST),
        refused("a multipart boundary parameter without a value", post("/submit", "multipart/form-data; boundary",
            bytes(part("file", "a.txt", "hello") + "--b--\r\n")), ErrorCode.INVALID_REQUEST),
        refused("a multipart boundary of 71 characters", post("/submit", "multipart/form-data; boundary="
            + "b".repeat(71), bytes(part("file", "a.txt", "hello") + "--b--\r\n")), ErrorCode.INVALID_REQUEST),
        refused("a raw upload to /submit/form", post("/submit/form", "application/octet-stream", bytes("x")),
            ErrorCode.UNSUPPORTED_MEDIA_TYPE),
        refused("a form to /submit/raw", post("/submit/raw", "multipart/form-data; boundary=b",
            bytes(part("file", "a.txt", "hello") + "--b--\r\n")), ErrorCode.UNSUPPORTED_MEDIA_TYPE),
        refused("malformed JSON", postJson("{\"document_data\": "), ErrorCode.INVALID_REQUEST),
        refused("JSON over the body cap", postJson("{\"document_data\": \"" + "a".repeat(400_000) + "\"}"),
            ErrorCode.PAYLOAD_TOO_LARGE),
        refused("100000 nested arrays", postJson("[".repeat(100_000) + "]".repeat(100_000)),
            ErrorCode.INVALID_REQUEST),
        refused("100000 nested arrays in a field", postJson("{\"document_data\": " + "[".repeat(100_000)
            + "]".repeat(100_000) + "}"), ErrorCode.INVALID_REQUEST),
        refused("invalid UTF-8 in a JSON string", post("/submit", "application/json",
            concat("{\"document_data\": \"".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, 0x28,
                (byte) 0xFF}, "\"}".getBytes(StandardCharsets.UTF_8))), ErrorCode.INVALID_REQUEST),
        refused("a NUL byte in a JSON string", postJson("{\"document_data\": \"a\u0000b\"}"),
            ErrorCode.INVALID_REQUEST),
        refused("trailing garbage after the JSON object", postJson("{\"document_data\": \"x\"} {\"y\": 1}"),
            ErrorCode.INVALID_REQUEST),
        refused("a field given twice", postJson("{\"document_data\": \"x\", \"document_data\": \"y\"}"),
            ErrorCode.INVALID_REQUEST),
        refused("a field name of 100000 characters", postJson("{\"" + "n".repeat(100_000) + "\": \"x\"}"),
            ErrorCode.INVALID_REQUEST),
        refused("bad base64", postJson("{\"document_base64\": \"@@not*base64@@\"}"), ErrorCode.INVALID_REQUEST),
        refused("base64 with broken padding", postJson("{\"document_base64\": \"QQ=\"}"),
            ErrorCode.INVALID_REQUEST),
        refused("an unknown output_format in JSON",
            postJson("{\"document_data\": \"x\", \"output_format\": \"../../etc/passwd\"}"), ErrorCode.INVALID_REQUEST),
        refused("an unknown output_format in the query of a raw upload",
            post("/submit?output_format=exe", "application/octet-stream", bytes("x")), ErrorCode.INVALID_REQUEST),
        refused("a negative number as document_data", postJson("{\"document_data\": -1}"), ErrorCode.INVALID_REQUEST),
        refused("a number of 100000 digits as document_data", postJson("{\"document_data\": "
            + "9".repeat(100_000) + "}"), ErrorCode.INVALID_REQUEST),
        refused("a huge exponent as output_format",
            postJson("{\"document_data\": \"x\", \"output_format\": 1e999999999}"), ErrorCode.INVALID_REQUEST),
        refused("a content_type with CR/LF",
            postJson("{\"document_data\": \"x\", \"content_type\": \"text/plain\\r\\nX-Evil: 1\"}"),
            ErrorCode.INVALID_REQUEST),
        refused("multipart with a boundary the body does not use", post("/submit",
            "multipart/form-data; boundary=expected", bytes("--other\r\nContent-Disposition: form-data; name=\"file\";"
                + " filename=\"a.txt\"\r\n\r\nhello\r\n--other--\r\n")), ErrorCode.INVALID_REQUEST),
        refused("multipart truncated before its closing boundary", post("/submit",
            "multipart/form-data; boundary=b", bytes("--b\r\nContent-Disposition: form-data; name=\"file\";"
                + " filename=\"a.txt\"\r\n\r\nhello")), ErrorCode.INVALID_REQUEST),
        refused("multipart without a boundary",
            post("/submit", "multipart/form-data", bytes("--b\r\n\r\nx\r\n--b--\r\n")), ErrorCode.INVALID_REQUEST),
        refused("multipart with an unknown output_format", post("/submit", "multipart/form-data; boundary=b",
            bytes(part("output_format", null, "pdf") + part("file", "a.txt", "hello") + "--b--\r\n")),
            ErrorCode.INVALID_REQUEST),
        refused("multipart with 1000 form fields", post("/submit", "multipart/form-data; boundary=b",
            bytes(part("f", null, "v").repeat(1000) + part("file", "a.txt", "hello") + "--b--\r\n")),
            ErrorCode.INVALID_REQUEST),
        refused("multipart with a form field of 100000 characters", post("/submit", "multipart/form-data; boundary=b",
            bytes(part("filename", null, "n".repeat(100_000)) + part("file", "a.txt", "hello") + "--b--\r\n")),
            ErrorCode.INVALID_REQUEST),
        refused("a URL longer than the server takes",
            get("/status/" + "a".repeat(ServerLimits.MAX_REQUEST_LINE_BYTES + 10)), ErrorCode.URI_TOO_LONG),
        refused("one header larger than the server takes", request("GET /health/live HTTP/1.1\r\nHost: " + host + "\r\nX-Big: "
            + "b".repeat(ServerLimits.MAX_HEADER_BYTES + 10) + "\r\nConnection: close\r\n\r\n"),
            ErrorCode.HEADERS_TOO_LARGE),
        refused("many headers larger together than the server takes", request("GET /health/live HTTP/1.1\r\nHost: " + host + "\r\n"
            + "X-Many: 0123456789012345678901234567890123456789\r\n".repeat(ServerLimits.MAX_HEADER_BYTES / 40)
            + "Connection: close\r\n\r\n"), ErrorCode.HEADERS_TOO_LARGE),
        refused("a request line that is not HTTP", request("GARBAGE\r\n\r\n"), ErrorCode.INVALID_REQUEST),
        refused("a request line with a space in the path", request("GET /status/a b/c HTTP/1.1\r\nHost: " + host + "\r\n"
            + "Connection: close\r\n\r\n"), ErrorCode.INVALID_REQUEST),
        refused("a header line without a colon", request("GET /health/live HTTP/1.1\r\nHost: " + host + "\r\nNoColonHere\r\n"
            + "Connection: close\r\n\r\n"), ErrorCode.INVALID_REQUEST),
        refused("a bare CR inside a header value", request("GET /health/live HTTP/1.1\r\nHost: " + host + "\r\nX-Request-Id: a\rb"
            + "\r\nConnection: close\r\n\r\n"), ErrorCode.INVALID_REQUEST),
        refused("a Content-Length that is not a number", request("POST /submit HTTP/1.1\r\nHost: " + host + "\r\n"
            + "Content-Type: application/json\r\nContent-Length: ten\r\nConnection: close\r\n\r\n{}"),
            ErrorCode.INVALID_REQUEST),
        refused("both Content-Length and chunked Transfer-Encoding", request("POST /submit HTTP/1.1\r\nHost: " + host + "\r\n"
            + "Content-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n"
            + "Connection: close\r\n\r\n0\r\n\r\n"), ErrorCode.INVALID_REQUEST),
        refused("an X-Document-Password that is not percent-encoding", request("POST /submit HTTP/1.1\r\nHost: " + host + "\r\n"
            + "Content-Type: application/json\r\nX-Document-Password: %zz\r\nContent-Length: 21\r\n"
            + "Connection: close\r\n\r\n{\"document_data\":\"x\"}"), ErrorCode.INVALID_REQUEST),
        refused("an Idempotency-Key with a tab", request("POST /submit HTTP/1.1\r\nHost: " + host + "\r\n"
            + "Content-Type: application/json\r\nIdempotency-Key: a\tb\r\nContent-Length: 21\r\n"
            + "Connection: close\r\n\r\n{\"document_data\":\"x\"}"), ErrorCode.INVALID_REQUEST),
        refused("a password in the query", post("/submit?password=secret", "application/octet-stream", bytes("x")),
            ErrorCode.INVALID_REQUEST),
        refused("an unsupported Content-Type", post("/submit", "application/x-evil", bytes("x")),
            ErrorCode.UNSUPPORTED_MEDIA_TYPE),
        refused("wait=-1", get("/status/" + JOB + "?wait=-1"), ErrorCode.INVALID_REQUEST),
        refused("wait=99999999999999999999 (clamped to 60) for an unknown job",
            get("/status/" + JOB + "?wait=99999999999999999999"), ErrorCode.NOT_FOUND),
        refused("wait=1e3", get("/status/" + JOB + "?wait=1e3"), ErrorCode.INVALID_REQUEST),
        refused("wait=NaN", get("/status/" + JOB + "?wait=NaN"), ErrorCode.INVALID_REQUEST),
        refused("limit=-5", get("/jobs?limit=-5"), ErrorCode.INVALID_REQUEST),
        refused("limit=0", get("/jobs?limit=0"), ErrorCode.INVALID_REQUEST),
        refused("limit=2147483648", get("/jobs?limit=2147483648"), ErrorCode.INVALID_REQUEST),
        refused("limit=99999999999999999999", get("/jobs?limit=99999999999999999999"), ErrorCode.INVALID_REQUEST),
        refused("limit=1e2", get("/jobs?limit=1e2"), ErrorCode.INVALID_REQUEST),
        refused("limit=50.0", get("/jobs?limit=50.0"), ErrorCode.INVALID_REQUEST),
        refused("a cursor with path traversal", get("/jobs?cursor=..%2F..%2Fetc%2Fpasswd"), ErrorCode.INVALID_REQUEST),
        refused("a status that does not exist", get("/jobs?status=..%2Fadmin"), ErrorCode.INVALID_REQUEST),
        refused("an id that is not a UUID", get("/status/not-a-uuid"), ErrorCode.NOT_FOUND),
        refused("an id with encoded path traversal", get("/status/..%2F..%2Fetc%2Fpasswd"), ErrorCode.NOT_FOUND),
        refused("an id with encoded CR/LF", get("/result/%0D%0ASet-Cookie:%20a=b"), ErrorCode.NOT_FOUND),
        refused("an id with an encoded NUL", get("/status/" + JOB + "%00"), ErrorCode.NOT_FOUND),
        refused("an id with broken percent-encoding", get("/status/%zz%G1%"), ErrorCode.NOT_FOUND),
        refused("an id with invalid UTF-8", get("/result/%C3%28%FF"), ErrorCode.NOT_FOUND),
        refused("an id of 4000 characters", get("/status/" + "f".repeat(4000)), ErrorCode.NOT_FOUND),
        refused("an upper-case UUID", get("/status/" + JOB.toUpperCase()), ErrorCode.NOT_FOUND),
        refused("a DELETE of an id with path traversal", request("DELETE /jobs/..%2F..%2Fetc HTTP/1.1\r\nHost: " + host + "\r\n"
            + "Connection: close\r\n\r\n"), ErrorCode.NOT_FOUND),
        refused("a plain path traversal", get("/status/../../etc/passwd"), ErrorCode.NOT_FOUND),
        refused("a path with broken percent-encoding", get("/formats%zz"), ErrorCode.INVALID_REQUEST),
        refused("a password of 2000 characters", postJson("{\"document_data\": \"x\", \"password\": \""
            + "p".repeat(2000) + "\"}"), ErrorCode.INVALID_REQUEST)));
  }

  /** A job that exists, so that refusals are shown not to depend on the id naming nothing. */
  private static String realJob() {
    if (realJob == null) {
      realJob = node.api().submitTextForId("a job that exists");
    }
    return realJob;
  }

  static Stream<String> jobReads() {
    String job = realJob();
    return Stream.of("GET /status/" + job, "GET /result/" + job, "GET /jobs", "GET /jobs?limit=1",
        "DELETE /jobs/" + node.api().submitTextForId("a job to cancel"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jobReads")
  @Order(1)
  @DisplayName("an X-Request-Id with a '%' is replaced by one of the service's, and the request is served")
  void percentInRequestIdIsReplaced(String request) {
    RawHttp.Response response = raw.send(request + " HTTP/1.1\r\nHost: " + host + "\r\nX-Request-Id: 100%\r\n"
        + "Connection: close\r\n\r\n");

    assertTrue(response.status() == 200 || response.status() == 202, response.status() + " " + response.body());
    assertEquals(36, UUID.fromString(response.header("X-Request-Id")).toString().length(), response.headers().toString());
  }

  @ParameterizedTest(name = "X-Request-Id: {0}")
  @ValueSource(strings = {"1.5", "-1", "0.0", "1e3", "true", "null", "007"})
  @Order(1)
  @DisplayName("a string parameter that looks like another JSON value is taken as the string it is")
  void stringParametersStayStrings(String requestId) {
    RawHttp.Response response = raw.send("GET /jobs HTTP/1.1\r\nHost: " + host + "\r\nX-Request-Id: " + requestId
        + "\r\nConnection: close\r\n\r\n");

    assertEquals(200, response.status(), response.body());
    assertEquals(requestId, response.header("X-Request-Id"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileRequests")
  @Order(1)
  @DisplayName("each hostile request gets a 4xx JSON error with a stable code, and nothing internal")
  void hostileRequestIsRefusedCleanly(String caseName, byte[] request, ErrorCode expected) {
    RawHttp.Response response = raw.send(request);

    assertEquals(expected.httpStatus(), response.status(), response.body());
    assertCleanError(response, expected);
  }

  static Stream<Arguments> hostileFileNames() {
    String longName = "n".repeat(1000) + ".txt";
    return Stream.of(
        named("path traversal in a JSON filename", postJson(fileJson("../../etc/passwd")), "passwd"),
        named("CR/LF and NUL in a JSON filename", postJson(fileJson("a\\r\\nX-Injected: 1\\u0000.txt")),
            "aX-Injected: 1.txt"),
        named("a JSON filename of 1004 characters", postJson(fileJson(longName)),
            "n".repeat(FileNames.MAX_CHARS - 4) + ".txt"),
        named("backslash traversal in a multipart part's file name", post("/submit",
            "multipart/form-data; boundary=b", bytes(part("file", "..\\..\\windows\\evil.txt", "hello")
                + "--b--\r\n")), "evil.txt"),
        named("encoded CR/LF in a multipart part's file name (RFC 5987)", post("/submit",
            "multipart/form-data; boundary=b", bytes("--b\r\nContent-Disposition: form-data; name=\"file\";"
                + " filename*=UTF-8''a%0D%0Ab%00.txt\r\n\r\nhello\r\n--b--\r\n")), "ab.txt"),
        named("path traversal and NUL in ?filename=", post("/submit?filename=..%2F..%2Fetc%2Fpasswd%00",
            "application/octet-stream", bytes("hello")), "passwd"),
        named("CR/LF in ?filename=", post("/submit?filename=%0D%0ASet-Cookie:%20a=b.txt",
            "application/octet-stream", bytes("hello")), "Set-Cookie: a=b.txt"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileFileNames")
  @Order(1)
  @DisplayName("a hostile file name is kept cleaned: no directory part, no control characters, bounded")
  void fileNameIsCleaned(String caseName, byte[] request, String expected) {
    RawHttp.Response response = raw.send(request);

    assertEquals(202, response.status(), response.body());
    JsonObject status = node.api().awaitTerminal(new JsonObject(response.body()).getString("job_id"));
    assertEquals(expected, status.getString("filename"), status.encode());
    assertEquals("completed", status.getString("status"), status.encode());
  }

  @Test
  @Order(1)
  @DisplayName("a request to upgrade to cleartext HTTP/2 is answered in HTTP/1.1, under the same limits")
  void h2cUpgradeIsIgnored() {
    RawHttp.Response response = raw.send(request("GET /health/live HTTP/1.1\r\nHost: " + host + "\r\n"
        + "Connection: Upgrade, HTTP2-Settings, close\r\nUpgrade: h2c\r\n"
        + "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n"));

    assertEquals(200, response.status(), response.headers().toString());
    assertEquals(null, response.header("Upgrade"));
  }

  /** What every error answer must be: JSON with a stable code and the request id, and nothing internal. */
  static void assertCleanError(RawHttp.Response response, ErrorCode expected) {
    assertTrue(response.status() >= 400 && response.status() < 500, "status " + response.status());
    assertTrue(response.header("Content-Type").startsWith("application/json"), response.headers().toString());
    JsonObject error = new JsonObject(response.body());
    assertEquals(expected.name(), error.getString("error_code"), response.body());
    assertNotNull(error.getString("error"), response.body());
    assertEquals(response.header("X-Request-Id"), error.getString("request_id"), response.body());
    assertNothingInternal(response.body());
    SecurityHeadersTest.assertApiHeaders(response::header);
  }

  static void assertNothingInternal(String body) {
    for (String internal : INTERNALS) {
      assertFalse(body.contains(internal), "'" + internal + "' in " + body);
    }
    assertFalse(STACK_FRAME.matcher(body).find(), body);
    List<String> hostPaths = new ArrayList<>(List.of(System.getProperty("user.dir"),
        System.getProperty("java.io.tmpdir"), System.getProperty("user.home") + "/"));
    if (uploads != null) {
      hostPaths.add(uploads.toString());
    }
    for (String path : hostPaths) {
      assertFalse(body.contains(path), "host path " + path + " in " + body);
    }
  }

  @Test
  @Order(2)
  @DisplayName("after every hostile request, the node is still ready and still parses a normal submission")
  void nodeStillServes() throws Exception {
    assertEquals(200, node.api().get("/health/ready").statusCode());
    String jobId = node.api().submitTextForId("still serving after the hostile requests");
    assertEquals("completed", node.api().awaitTerminal(jobId).getString("status"));
    assertEquals(List.of(), leftInUploads(), "temp files left behind by refused uploads");
  }

  /** The upload directory's files, once deletions that end with their requests have had time to run. */
  private static List<Path> leftInUploads() throws Exception {
    List<Path> left = List.of();
    for (int attempt = 0; attempt < 50; attempt++) {
      try (Stream<Path> files = Files.list(uploads)) {
        left = files.toList();
      }
      if (left.isEmpty()) {
        return left;
      }
      Thread.sleep(100);
    }
    return left;
  }

  private static Arguments refused(String caseName, byte[] request, ErrorCode expected) {
    return Arguments.of(caseName, request, expected);
  }

  private static Arguments named(String caseName, byte[] request, String expected) {
    return Arguments.of(caseName, request, expected);
  }

  private static String fileJson(String filename) {
    return "{\"document_data\": \"hello\", \"filename\": \"" + filename + "\"}";
  }

  private static byte[] get(String target) {
    return request("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
  }

  private static byte[] postJson(String body) {
    return post("/submit", "application/json", bytes(body));
  }

  private static byte[] post(String target, String contentType, byte[] body) {
    return concat(("POST " + target + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: " + contentType + "\r\nContent-Length: "
        + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), body);
  }

  private static byte[] request(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String part(String name, String filename, String content) {
    return "--b\r\nContent-Disposition: form-data; name=\"" + name + "\""
        + (filename == null ? "" : "; filename=\"" + filename + "\"") + "\r\n\r\n" + content + "\r\n";
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    Arrays.stream(parts).forEach(all::writeBytes);
    return all.toByteArray();
  }
}
