package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docparser.api.ErrorCode;
import io.docparser.support.ApiClient;
import io.docparser.support.RawHttp;
import io.docparser.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A node without keys on loopback serves this machine's programs and its own pages, not a web page that reaches it
 * through the machine's browser: not one that rebinds its own host name to 127.0.0.1 (the Host header gives it
 * away), and not a cross-site form post (the browser's Sec-Fetch-Site and Origin give it away).
 */
@ExtendWith(VertxExtension.class)
@DisplayName("A node without keys, bound to loopback")
class LoopbackGuardTest {

  private static final String KEY = "loopback-guard-key-" + UUID.randomUUID();

  private static int port;
  private static int keyedPort;

  @BeforeAll
  static void startNodes(Vertx vertx, VertxTestContext context) {
    TestNode.deploy(vertx, Map.of())
        .compose(open -> {
          port = open.httpPort();
          return TestNode.deploy(vertx, Map.of("DOCPARSER_API_KEYS", KEY, "DOCPARSER_NODE_ID", "keyed-node"));
        })
        .onComplete(context.succeeding(keyed -> {
          keyedPort = keyed.httpPort();
          context.completeNow();
        }));
  }

  @ParameterizedTest(name = "Host: {0}")
  @ValueSource(strings = {"attacker.example:PORT", "attacker.example", "127.0.0.1", "127.0.0.1:1", "localhost:1",
      "127.0.0.2:PORT", "0.0.0.0:PORT", "[::2]:PORT"})
  @DisplayName("serves no request whose Host is not its loopback address with its port (DNS rebinding)")
  void refusesAnotherHost(String host) {
    RawHttp.Response response = get("/formats", "Host: " + host.replace("PORT", String.valueOf(port)));

    assertEquals(421, response.status(), response.body());
    HostileRequestsTest.assertCleanError(response, ErrorCode.MISDIRECTED_REQUEST);
  }

  @Test
  @DisplayName("serves no request without a Host")
  void refusesNoHost() {
    RawHttp.Response response = new RawHttp(port).send("GET /formats HTTP/1.0\r\n\r\n");

    assertEquals(421, response.status(), response.body());
  }

  @ParameterizedTest(name = "Host: {0}")
  @ValueSource(strings = {"127.0.0.1:PORT", "localhost:PORT", "LOCALHOST:PORT", "[::1]:PORT"})
  @DisplayName("serves its loopback names with its port")
  void servesItsOwnNames(String host) {
    assertEquals(200, get("/formats", "Host: " + host.replace("PORT", String.valueOf(port))).status());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Sec-Fetch-Site: cross-site", "Sec-Fetch-Site: same-site", "Origin: http://attacker.example",
      "Origin: null", "Origin: http://127.0.0.1:1"})
  @DisplayName("refuses a browser request from another site or origin with 403")
  void refusesCrossSiteRequests(String header) {
    RawHttp.Response response = get("/jobs", "Host: 127.0.0.1:" + port + "\r\n" + header);

    assertEquals(403, response.status(), response.body());
    HostileRequestsTest.assertCleanError(response, ErrorCode.FORBIDDEN);
  }

  @Test
  @DisplayName("a cross-site form post queues nothing, while its own page's requests are served")
  void crossSiteFormPostQueuesNothing() {
    String form = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nposted\r\n--b--\r\n";
    RawHttp.Response posted = new RawHttp(port).send("POST /submit HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
        + "Origin: http://attacker.example\r\nSec-Fetch-Site: cross-site\r\n"
        + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: " + form.length() + "\r\n"
        + "Connection: close\r\n\r\n" + form);

    assertEquals(403, posted.status(), posted.body());
    JsonObject jobs = ApiClient.json(new ApiClient(port).get("/jobs"));
    assertEquals(0, jobs.getJsonArray("jobs").size(), jobs.encode());
    RawHttp.Response ownPage = get("/jobs", "Host: 127.0.0.1:" + port + "\r\nSec-Fetch-Site: same-origin\r\n"
        + "Origin: http://127.0.0.1:" + port);
    assertEquals(200, ownPage.status(), ownPage.body());
  }

  @Test
  @DisplayName("a node with keys serves any Host and origin to a request with a key")
  void nodeWithKeysIsNotGuarded() {
    RawHttp.Response response = new RawHttp(keyedPort).send("GET /formats HTTP/1.1\r\nHost: docparser.example.com\r\n"
        + "Origin: https://app.example.com\r\nSec-Fetch-Site: cross-site\r\nX-API-Key: " + KEY + "\r\n"
        + "Connection: close\r\n\r\n");

    assertEquals(200, response.status(), response.body());
  }

  private static RawHttp.Response get(String path, String headers) {
    return new RawHttp(port).send("GET " + path + " HTTP/1.1\r\n" + headers + "\r\nConnection: close\r\n\r\n");
  }
}
