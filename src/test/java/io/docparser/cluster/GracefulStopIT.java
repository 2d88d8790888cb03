package io.docparser.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.HostileParser;
import io.docparser.support.ServiceProcess;
import io.docparser.support.TestCluster;
import io.docparser.support.TestDocuments;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A worker node stopped with SIGTERM")
class GracefulStopIT {

  /** Longer than the 30 s a stopping node lets its parses run. */
  private static final Duration LONGER_THAN_THE_DRAIN = Duration.ofSeconds(45);

  @TempDir
  Path workDir;
  private TestCluster cluster;

  @BeforeEach
  void createCluster() {
    cluster = new TestCluster(workDir);
  }

  @AfterEach
  void stopNodes() {
    cluster.close();
  }

  @Test
  @DisplayName("finishes the parse it is running, takes no new job, leaves the cluster and exits")
  void stoppingWorkerFinishesItsJob() throws Exception {
    ServiceProcess api = cluster.start("api", "api", 1);
    ServiceProcess worker = cluster.start("worker", "worker", 1);
    cluster.awaitFormed();
    byte[] slow = TestDocuments.pdf(IntStream.range(0, 12_000).mapToObj(i -> "page " + i + " to parse").toList());

    String running = ApiClient.acceptedId(api.api().submitRaw(slow, "?filename=slow.pdf", Map.of()));
    api.api().awaitStatus(running, "processing");
    String waiting = ApiClient.acceptedId(api.api().submitRaw(slow, "?filename=slow.pdf", Map.of()));
    long stopped = System.nanoTime();
    worker.terminate();
    long stopMs = (System.nanoTime() - stopped) / 1_000_000;

    JsonObject finished = api.api().awaitTerminal(running);
    assertEquals("completed", finished.getString("status"), finished.encode());
    assertEquals("worker", finished.getString("node"));
    assertEquals(1, finished.getInteger("attempts"));
    JsonObject left = ApiClient.json(api.api().get("/status/" + waiting));
    assertEquals("queued", left.getString("status"), "the stopping node took a new job: " + left.encode());
    assertTrue(stopMs < 60_000, "stopping took " + stopMs + " ms");
    assertEquals(List.of(), cluster.blockedEventLoops());
  }

  @Test
  @DisplayName("stops a parse that outlasts the drain bound (its child killed), exits, and another node completes the job")
  void stoppingWorkerHandsBackALongParse() throws Exception {
    Map<String, String> hostile = Map.of("DOCPARSER_PARSER_CLASSPATH", HostileParser.classPath());
    ServiceProcess api = cluster.start("api", "api", 1);
    ServiceProcess first = cluster.start("first", "worker", 1, hostile);
    cluster.awaitFormed();
    Path pidFile = workDir.resolve("long.pid");
    String jobId = ApiClient.acceptedId(api.api().submitRaw(HostileParser.slow(pidFile, LONGER_THAN_THE_DRAIN),
        "?filename=long.bin", Map.of()));
    long child = HostileParser.awaitPid(pidFile);
    Files.delete(pidFile);
    cluster.start("second", "worker", 1, hostile);
    cluster.awaitFormed();

    long stopped = System.nanoTime();
    first.terminate();
    long stopMs = (System.nanoTime() - stopped) / 1_000_000;

    assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the stopped node's child runs on");
    assertTrue(first.log().contains("they are stopped, and their jobs handed back"), first.log());
    JsonObject finished = api.api().awaitTerminal(jobId);
    assertEquals("completed", finished.getString("status"), finished.encode());
    assertEquals("second", finished.getString("node"));
    assertEquals(2, finished.getInteger("attempts"));
    assertTrue(stopMs < 60_000, "stopping took " + stopMs + " ms");
    assertEquals(List.of(), cluster.blockedEventLoops());
  }
}
