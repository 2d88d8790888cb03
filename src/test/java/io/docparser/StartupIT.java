package io.docparser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ListeningSockets;
import io.docparser.support.Ports;
import io.docparser.support.Prerequisites;
import io.docparser.support.ServiceProcess;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Starting the jar as an operator does")
class StartupIT {

  /** A user other than the one running the tests: nobody, on Debian. */
  private static final int NOBODY = 65534;

  @TempDir
  Path workDir;

  /** The tests that need a node started with no setting share one: each start of a JVM costs seconds. */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @DisplayName("A node started with no setting")
  class DefaultNode {

    private Path nodeDir;
    private ServiceProcess node;

    @BeforeAll
    void start(@TempDir Path dir) {
      nodeDir = dir;
      node = ServiceProcess.start("standalone", Map.of(), nodeDir).awaitReady();
    }

    @AfterAll
    void stop() {
      node.close();
    }

    @Test
    @DisplayName("from a directory without conf/, the jar runs on its bundled configuration and serves the contract")
    void runsFromAnyDirectory() throws Exception {
      HttpResponse<byte[]> contract = node.api().getBytes("/openapi.yaml");
      assertEquals(200, contract.statusCode());
      assertArrayEquals(Files.readAllBytes(projectFile("openapi.yaml")), contract.body());

      String jobId = node.api().submitTextForId("started from " + nodeDir);
      assertEquals("completed", node.api().awaitTerminal(jobId).getString("status"));
    }

    @Test
    @DisplayName("without API keys, the node listens on 127.0.0.1 only, and says why")
    void withoutKeysTheSocketIsOnLoopback() {
      Prerequisites.require("/proc/net/tcp (Linux), to read the listening socket's address",
          ListeningSockets.available());
      assertEquals(List.of("127.0.0.1"), ListeningSockets.boundAddresses(node.httpPort()));
      assertTrue(node.log().contains("no API keys are configured, so the API is served on loopback only"),
          node.log());
    }

    @Test
    @DisplayName("a second standalone node on the data dir of a running one stops with status 78, saying why")
    void sharedDataDirIsRefused() {
      ServiceProcess second = ServiceProcess.start("data-dir-intruder", Map.of(), nodeDir);

      assertEquals(78, second.awaitExit());
      assertTrue(second.log().contains("DOCPARSER_DATA_DIR (data.dir)"), second.log());
      assertTrue(second.log().contains("a standalone node needs a data dir that no other node uses"), second.log());
      assertEquals(200, node.api().get("/health/ready").statusCode());
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

      assertTrue(node.log().contains("API keys are required (tenant keys: 1, operator keys: 0)"), node.log());
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

  @Test
  @DisplayName("by default uploads go to a 0700 directory of this start's own, removed at stop; data dir 0700, files 0600")
  void filesArePrivate() throws Exception {
    Path uploads;
    try (ServiceProcess node = ServiceProcess.start("private-files", Map.of(), workDir).awaitReady()) {
      uploads = uploadDirOf(node);
      assertEquals("rwx------", permissions(uploads));
      assertRawUploadIsPrivateWhileItArrives(node, uploads);

      Path data = workDir.resolve("data");
      assertEquals("rwx------", permissions(data));
      try (Stream<Path> files = Files.list(data)) {
        for (Path file : files.toList()) {
          assertEquals("rw-------", permissions(file), file.toString());
        }
      }
      node.terminate();
    }
    assertFalse(Files.exists(uploads), "the upload dir made for the start is still there: " + uploads);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"DOCPARSER_UPLOAD_DIR", "DOCPARSER_DATA_DIR"})
  @DisplayName("an upload or data dir that another user owns stops start-up with status 78, naming the setting")
  void anotherUsersDirectoryIsRefused(String setting) throws Exception {
    Prerequisites.require("root, to give a directory to another user", isRoot());
    Path directory = Files.createDirectory(workDir.resolve("not-mine"));
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.setAttribute(directory, "unix:uid", NOBODY);
    ServiceProcess node = ServiceProcess.start("foreign-dir", Map.of(setting, directory.toString()), workDir);

    assertEquals(78, node.awaitExit());
    assertTrue(node.log().contains(setting + " (") && node.log().contains("names " + directory + ", which belongs to"),
        node.log());
  }

  /** A raw upload larger than 64 KiB is streamed to a file there: 0600 while the body is still arriving. */
  private static void assertRawUploadIsPrivateWhileItArrives(ServiceProcess node, Path uploads) throws Exception {
    byte[] half = new byte[256 * 1024];
    Arrays.fill(half, (byte) 'a');
    CountDownLatch release = new CountDownLatch(1);
    InputStream body = new SequenceInputStream(new ByteArrayInputStream(half), heldUntil(release, half));
    CompletableFuture<HttpResponse<String>> answer = HttpClient.newHttpClient().sendAsync(
        HttpRequest.newBuilder(URI.create(node.api().base() + "/submit?filename=slow.txt"))
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(),
        HttpResponse.BodyHandlers.ofString());
    try {
      Path part = awaitFileIn(uploads);
      assertEquals("rw-------", permissions(part), part.toString());
    } finally {
      release.countDown();
    }
    assertEquals(202, answer.get().statusCode(), answer.get().body());
  }

  private static InputStream heldUntil(CountDownLatch release, byte[] bytes) {
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException();
        }
        return super.read(buffer, offset, length);
      }
    };
  }

  private static Path awaitFileIn(Path directory) throws Exception {
    for (int attempt = 0; attempt < 200; attempt++) {
      try (Stream<Path> files = Files.list(directory)) {
        List<Path> found = files.toList();
        if (!found.isEmpty()) {
          return found.get(0);
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no upload file appeared in " + directory);
  }

  private static Path uploadDirOf(ServiceProcess node) {
    Matcher logged = Pattern.compile("uploads are streamed to (\\S+),").matcher(node.log());
    assertTrue(logged.find(), node.log());
    return Path.of(logged.group(1));
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static boolean isRoot() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  static Path projectFile(String name) {
    return Path.of(System.getProperty("docparser.projectDir", ".")).resolve(name);
  }
}
