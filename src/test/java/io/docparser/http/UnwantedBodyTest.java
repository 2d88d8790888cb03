package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.api.ErrorCode;
import io.docparser.support.ApiClient;
import io.docparser.support.DeployedNode;
import io.docparser.support.PrometheusText;
import io.docparser.support.RawHttp;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A body sent where the service takes none, or to /submit without a key, is answered from the request's headers and
 * never read: the bytes the node read from its sockets (Vert.x's own counter, on /metrics) barely move while a
 * client pushes 100 MB at it.
 */
@DisplayName("Bodies nobody wants")
class UnwantedBodyTest {

  private static final long BODY_BYTES = 100L * 1024 * 1024;
  /** What the node may read of such a body: the bytes that arrived with the head, and a socket read or two. */
  private static final double MAX_READ_BYTES = 1024 * 1024;
  private static final String KEY = "unwanted-body-key-" + UUID.randomUUID();
  private static final String OPERATOR_KEY = "unwanted-body-operator-" + UUID.randomUUID();

  @RegisterExtension
  static final DeployedNode open = DeployedNode.with(Map.of());
  @RegisterExtension
  static final DeployedNode keyed = DeployedNode.with(Map.of("DOCPARSER_API_KEYS", KEY,
      "DOCPARSER_OPERATOR_KEYS", OPERATOR_KEY, "DOCPARSER_NODE_ID", "keyed-node"));

  @ParameterizedTest(name = "{0} {1}: {2}")
  @CsvSource({
      "POST, /health/live, METHOD_NOT_ALLOWED",
      "PUT, /jobs, METHOD_NOT_ALLOWED",
      "GET, /jobs, PAYLOAD_TOO_LARGE",
      "GET, /health/ready, PAYLOAD_TOO_LARGE",
      "DELETE, /jobs/3f1c2a9e-4b7d-4d0e-9a51-2f6f0c8b7e11, PAYLOAD_TOO_LARGE",
      "GET, /openapi.yaml, PAYLOAD_TOO_LARGE",
      "GET, /dashboard/static/dashboard.js, PAYLOAD_TOO_LARGE",
      "POST, /no/such/path, NOT_FOUND"})
  @DisplayName("a 100 MB body on a route that takes none is answered from the headers, and not read")
  void bodyOnARouteThatTakesNoneIsNotRead(String method, String path, ErrorCode expected) {
    double before = bytesRead(open, null);

    RawHttp.Response response = new RawHttp(open.httpPort()).sendWithBody(method + " " + path + " HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + open.httpPort() + "\r\nContent-Type: application/octet-stream\r\n"
        + "Content-Length: " + BODY_BYTES + "\r\n\r\n", BODY_BYTES);

    assertEquals(expected.httpStatus(), response.status(), response.body());
    assertEquals(expected.name(), new JsonObject(response.body()).getString("error_code"), response.body());
    HostileRequestsTest.assertNothingInternal(response.body());
    assertEquals("close", response.header("Connection"));
    assertReadLittle(before, bytesRead(open, null));
  }

  @Test
  @DisplayName("a 100 MB upload to /submit without a key gets its 401 before any of it is read")
  void submissionWithoutKeyIsNotRead() {
    double before = bytesRead(keyed, OPERATOR_KEY);

    RawHttp.Response response = new RawHttp(keyed.httpPort()).sendWithBody("POST /submit HTTP/1.1\r\nHost: t\r\n"
        + "Content-Type: application/octet-stream\r\nContent-Length: " + BODY_BYTES + "\r\n\r\n", BODY_BYTES);

    assertEquals(401, response.status(), response.body());
    HostileRequestsTest.assertCleanError(response, ErrorCode.UNAUTHORIZED);
    assertReadLittle(before, bytesRead(keyed, OPERATOR_KEY));
  }

  @Test
  @DisplayName("a client that waits for 100 Continue is refused before it sends its body, and sends none")
  void expectContinueIsAnsweredWithTheRefusal() {
    RawHttp.Response response = new RawHttp(keyed.httpPort()).send("POST /submit HTTP/1.1\r\nHost: t\r\n"
        + "Content-Type: application/octet-stream\r\nContent-Length: " + BODY_BYTES + "\r\nExpect: 100-continue\r\n"
        + "\r\n");

    assertEquals(401, response.status(), response.body());
  }

  @Test
  @DisplayName("after the refusals the node still reads the body of a submission with a key")
  void wantedBodyIsStillRead() {
    ApiClient api = keyed.api().withHeader("X-API-Key", KEY);

    String jobId = ApiClient.acceptedId(api.submitRaw(new byte[300_000], "?filename=zeros.bin", Map.of()));

    assertEquals(300_000, api.awaitTerminal(jobId).getLong("size_bytes"));
  }

  private static void assertReadLittle(double before, double after) {
    assertTrue(after - before < MAX_READ_BYTES, "the node read " + (long) (after - before) + " bytes of a "
        + BODY_BYTES + "-byte body nobody wanted");
  }

  private static double bytesRead(DeployedNode node, String operatorKey) {
    ApiClient metrics = operatorKey == null ? node.api() : node.api().withHeader("X-API-Key", operatorKey);
    return new PrometheusText(metrics.get("/metrics").body()).sum("vertx_http_server_bytes_read_total");
  }
}
