package io.docparser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ListeningSockets;
import io.docparser.support.Ports;
import io.docparser.support.Prerequisites;
import io.docparser.support.ServiceProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Starting the jar as an operator does")
class StartupIT {

  @TempDir
  Path workDir;

  @Test
  @DisplayName("from a directory without conf/, the jar runs on its bundled configuration and serves the contract")
  void runsFromAnyDirectory() throws Exception {
    try (ServiceProcess node = ServiceProcess.start("standalone", Map.of(), workDir).awaitReady()) {
      HttpResponse<byte[]> contract = node.api().getBytes("/openapi.yaml");
      assertEquals(200, contract.statusCode());
      assertArrayEquals(Files.readAllBytes(projectFile("openapi.yaml")), contract.body());

      String jobId = node.api().submitTextForId("started from " + workDir);
      assertEquals("completed", node.api().awaitTerminal(jobId).getString("status"));
      assertTrue(node.blockedEventLoops().isEmpty(), node.blockedEventLoops().toString());
    }
  }

  @Test
  @DisplayName("without API keys, the node listens on 127.0.0.1 only, and says why")
  void withoutKeysTheSocketIsOnLoopback() {
    Prerequisites.require("/proc/net/tcp (Linux), to read the listening socket's address",
        ListeningSockets.available());
    try (ServiceProcess node = ServiceProcess.start("loopback", Map.of(), workDir).awaitReady()) {
      assertEquals(List.of("127.0.0.1"), ListeningSockets.boundAddresses(node.httpPort()));
      assertTrue(node.log().contains("no API keys are configured, so the API is served on loopback only"),
          node.log());
    }
  }

  @Test
  @DisplayName("with API keys, the node says how many it has and never logs a key, right or wrong")
  void keysAreNeverLogged() {
    String key = "operator-key-" + UUID.randomUUID();
    String wrongKey = "wrong-key-" + UUID.randomUUID();
    try (ServiceProcess node = ServiceProcess.start("keys", Map.of("DOCPARSER_API_KEYS", key), workDir)
        .awaitReady()) {
      assertEquals(202, node.api().withHeader("X-API-Key", key).submitText("with a key").statusCode());
      assertEquals(401, node.api().withHeader("Authorization", "Bearer " + wrongKey).get("/jobs").statusCode());

      assertTrue(node.log().contains("API keys are required (1 configured)"), node.log());
      assertFalse(node.log().contains(key), node.log());
      assertFalse(node.log().contains(wrongKey), node.log());
    }
  }

  @Test
  @DisplayName("a bind beyond loopback without API keys stops start-up, unless open access is asked for")
  void openBindWithoutKeysIsRefused() {
    ServiceProcess node = ServiceProcess.start("open-bind", Map.of("DOCPARSER_HTTP_HOST", "0.0.0.0"), workDir);

    assertEquals(78, node.awaitExit());
    assertTrue(node.log().contains("DOCPARSER_ALLOW_OPEN_ACCESS"), node.log());
  }

  @Test
  @DisplayName("a bad setting stops start-up with status 78 and a message naming the key and its source")
  void badSettingIsNamed() {
    ServiceProcess node = ServiceProcess.start("bad-port", Map.of("DOCPARSER_HTTP_PORT", "80a"), workDir);

    assertEquals(78, node.awaitExit());
    assertTrue(node.log().contains("DOCPARSER_HTTP_PORT (http.port) = '80a' (from environment)"), node.log());
  }

  @Test
  @DisplayName("a -conf file that does not exist stops start-up with a message naming the file")
  void missingConfFileIsNamed() {
    ServiceProcess node = ServiceProcess.start("missing-conf", Map.of(), workDir, "-conf", "no-such.json");

    assertEquals(78, node.awaitExit());
    assertTrue(node.log().contains("'no-such.json' does not exist"), node.log());
  }

  @Test
  @DisplayName("a -conf file that is not JSON stops start-up with a message naming the file")
  void brokenConfFileIsNamed() throws Exception {
    Files.writeString(workDir.resolve("broken.json"), "{ \"http.port\": 8000,");
    ServiceProcess node = ServiceProcess.start("broken-conf", Map.of(), workDir, "-conf", "broken.json");

    assertEquals(78, node.awaitExit());
    assertTrue(node.log().contains("-conf file 'broken.json' is not a valid JSON object"), node.log());
  }

  @Test
  @DisplayName("a broken conf/cluster.xml stops a -cluster start with a message naming the file")
  void brokenClusterFileIsNamed() throws Exception {
    Files.createDirectories(workDir.resolve("conf"));
    Files.writeString(workDir.resolve("conf/cluster.xml"), "<hazelcast><network>");
    ServiceProcess node = ServiceProcess.start("broken-cluster-xml", Map.of(), workDir, "-cluster");

    assertEquals(78, node.awaitExit());
    assertTrue(node.log().contains("conf/cluster.xml could not be read"), node.log());
  }

  @Test
  @DisplayName("a second standalone node on the data dir of a running one stops with status 78, saying why")
  void sharedDataDirIsRefused() {
    try (ServiceProcess first = ServiceProcess.start("data-dir-owner", Map.of(), workDir).awaitReady()) {
      ServiceProcess second = ServiceProcess.start("data-dir-intruder", Map.of(), workDir);

      assertEquals(78, second.awaitExit());
      assertTrue(second.log().contains("DOCPARSER_DATA_DIR (data.dir)"), second.log());
      assertTrue(second.log().contains("a standalone node needs a data dir that no other node uses"), second.log());
      assertEquals(200, first.api().get("/health/ready").statusCode());
    }
  }

  /**
   * At DEBUG, so that the libraries' own lines count too. A URL with user-info is refused before any driver sees
   * it; one with a password among its parameters reaches the driver, which cannot connect.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "jdbc:postgresql://alice:userinfo-secret@127.0.0.1:PORT/docparser?password=query-secret&connectTimeout=2",
      "jdbc:postgresql://127.0.0.1:PORT/docparser?password=query-secret&connectTimeout=2",
      "jdbc:h2:tcp://127.0.0.1:PORT/~/docparser;PASSWORD=query-secret"})
  @DisplayName("a database URL with credentials that cannot be used stops start-up, naming it without them")
  void databaseUrlIsShownRedacted(String url) {
    ServiceProcess node = ServiceProcess.start("redacted-url", Map.of(
        "DOCPARSER_DB_URL", url.replace("PORT", String.valueOf(Ports.free())),
        "DOCPARSER_LOG_LEVEL", "DEBUG"), workDir);

    assertEquals(78, node.awaitExit());
    String output = node.log();
    assertTrue(output.contains("DOCPARSER_DB_URL (db.url)"), output);
    assertTrue(output.contains("=***"), output);
    assertFalse(output.contains("userinfo-secret"), output);
    assertFalse(output.contains("query-secret"), output);
  }

  static Path projectFile(String name) {
    return Path.of(System.getProperty("docparser.projectDir", ".")).resolve(name);
  }
}
