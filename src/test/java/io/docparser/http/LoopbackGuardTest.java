package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docparser.api.ErrorCode;
import io.docparser.support.ApiClient;
import io.docparser.support.DeployedNode;
import io.docparser.support.RawHttp;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A node without keys on loopback serves this machine's programs and its own pages, not a web page that reaches it
 * through the machine's browser: not one that rebinds its own host name to 127.0.0.1 (the Host header gives it
 * away), and not a cross-site form post (the browser's Sec-Fetch-Site and Origin give it away).
 */
@DisplayName("A node without keys, bound to loopback")
class LoopbackGuardTest {

  private static final String KEY = "loopback-guard-key-" + UUID.randomUUID();

  @RegisterExtension
  static final DeployedNode open = DeployedNode.with(Map.of());
  @RegisterExtension
  static final DeployedNode keyed =
      DeployedNode.with(Map.of("DOCPARSER_API_KEYS", KEY, "DOCPARSER_NODE_ID", "keyed-node"));

  @ParameterizedTest(name = "Host: {0}")
  @ValueSource(strings = {"attacker.example:PORT", "attacker.example", "127.0.0.1", "127.0.0.1:1", "localhost:1",
      "127.0.0.2:PORT", "0.0.0.0:PORT", "[::2]:PORT"})
  @DisplayName("serves no request whose Host is not its loopback address with its port (DNS rebinding)")
  void refusesAnotherHost(String host) {
    RawHttp.Response response = get("/formats", "Host: " + host.replace("PORT", String.valueOf(open.httpPort())));

    assertEquals(421, response.status(), response.body());
    HostileRequestsTest.assertCleanError(response, ErrorCode.MISDIRECTED_REQUEST);
  }

  @Test
  @DisplayName("serves no request without a Host")
  void refusesNoHost() {
    RawHttp.Response response = new RawHttp(open.httpPort()).send("GET /formats HTTP/1.0\r\n\r\n");

    assertEquals(421, response.status(), response.body());
  }

  @ParameterizedTest(name = "Host: {0}")
  @ValueSource(strings = {"127.0.0.1:PORT", "localhost:PORT", "LOCALHOST:PORT", "[::1]:PORT"})
  @DisplayName("serves its loopback names with its port")
  void servesItsOwnNames(String host) {
    assertEquals(200, get("/formats", "Host: " + host.replace("PORT", String.valueOf(open.httpPort()))).status());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Sec-Fetch-Site: cross-site", "Sec-Fetch-Site: same-site", "Origin: http://attacker.example",
      "Origin: null", "Origin: http://127.0.0.1:1"})
  @DisplayName("refuses a browser request from another site or origin with 403")
  void refusesCrossSiteRequests(String header) {
    RawHttp.Response response = get("/jobs", "Host: 127.0.0.1:" + open.httpPort() + "\r\n" + header);

    assertEquals(403, response.status(), response.body());
    HostileRequestsTest.assertCleanError(response, ErrorCode.FORBIDDEN);
  }

  @Test
  @DisplayName("a cross-site form post queues nothing, while its own page's requests are served")
  void crossSiteFormPostQueuesNothing() {
    String form = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nposted\r\n--b--\r\n";
    RawHttp.Response posted = new RawHttp(open.httpPort()).send("POST /submit HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + open.httpPort() + "\r\n"
        + "Origin: http://attacker.example\r\nSec-Fetch-Site: cross-site\r\n"
        + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: " + form.length() + "\r\n"
        + "Connection: close\r\n\r\n" + form);

    assertEquals(403, posted.status(), posted.body());
    JsonObject jobs = ApiClient.json(open.api().get("/jobs"));
    assertEquals(0, jobs.getJsonArray("jobs").size(), jobs.encode());
    RawHttp.Response ownPage = get("/jobs", "Host: 127.0.0.1:" + open.httpPort()
        + "\r\nSec-Fetch-Site: same-origin\r\n"
        + "Origin: http://127.0.0.1:" + open.httpPort());
    assertEquals(200, ownPage.status(), ownPage.body());
  }

  @Test
  @DisplayName("a node with keys serves any Host and origin to a request with a key")
  void nodeWithKeysIsNotGuarded() {
    RawHttp.Response response = new RawHttp(keyed.httpPort()).send("GET /formats HTTP/1.1\r\n"
        + "Host: docparser.example.com\r\n"
        + "Origin: https://app.example.com\r\nSec-Fetch-Site: cross-site\r\nX-API-Key: " + KEY + "\r\n"
        + "Connection: close\r\n\r\n");

    assertEquals(200, response.status(), response.body());
  }

  private static RawHttp.Response get(String path, String headers) {
    return new RawHttp(open.httpPort())
        .send("GET " + path + " HTTP/1.1\r\n" + headers + "\r\nConnection: close\r\n\r\n");
  }
}
