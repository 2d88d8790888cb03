package io.docparser.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.HostileParser;
import io.docparser.support.ServiceProcess;
import io.docparser.support.TestCluster;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parses here are held by the test parser until the test releases them, so that what the stopping node does
 * with a running parse is decided by the drain bound alone, never by how fast this machine parses.
 */
@DisplayName("A worker node stopped with SIGTERM")
class GracefulStopIT {

  /** What the test parser answers for a held document. */
  private static final String HELD_TEXT = "slow document";
  private static final Duration SHORT_DRAIN = Duration.ofSeconds(2);
  /** Time for a node to leave the cluster and exit once its drain is over. */
  private static final Duration LEAVING = Duration.ofSeconds(20);

  @TempDir
  Path workDir;
  private TestCluster cluster;
  private Path pidFile;
  private Path releaseFile;

  @BeforeEach
  void createCluster() {
    cluster = new TestCluster(workDir);
    pidFile = workDir.resolve("held.pid");
    releaseFile = workDir.resolve("held.release");
  }

  @AfterEach
  void stopNodes() {
    HostileParser.release(releaseFile);
    cluster.close();
  }

  @Test
  @DisplayName("finishes the parse it is running, takes no new job, leaves the cluster and exits")
  void stoppingWorkerFinishesItsJob() throws Exception {
    ServiceProcess api = cluster.start("api", "api", 1);
    ServiceProcess worker = cluster.start("worker", "worker", 1, hostileParser());
    cluster.awaitFormed();
    String running = ApiClient.acceptedId(api.api().submitRaw(HostileParser.held(pidFile, releaseFile),
        "?filename=held.bin", Map.of()));
    HostileParser.awaitPid(pidFile);
    String waiting = api.api().submitTextForId("waits for a free parser slot");

    Instant stopped = Instant.now();
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(worker::terminate);
    awaitNotReady(worker);
    HostileParser.release(releaseFile);
    exit.get(LEAVING.toSeconds(), TimeUnit.SECONDS);
    long stopMs = Duration.between(stopped, Instant.now()).toMillis();

    JsonObject finished = api.api().awaitTerminal(running);
    assertEquals("completed", finished.getString("status"), finished.encode());
    assertEquals("worker", finished.getString("node"));
    assertEquals(1, finished.getInteger("attempts"));
    assertTrue(Instant.parse(finished.getString("finished_at")).isAfter(stopped),
        "the parse ended before the node was asked to stop: " + finished.encode());
    assertEquals(HELD_TEXT, ApiClient.json(api.api().get("/result/" + running)).getString("result").strip());
    JsonObject left = ApiClient.json(api.api().get("/status/" + waiting));
    assertEquals("queued", left.getString("status"), "the stopping node took a new job: " + left.encode());
    assertTrue(stopMs < Duration.ofSeconds(30).toMillis(), "stopping took " + stopMs + " ms");
    assertEquals(List.of(), cluster.blockedEventLoops());
  }

  @Test
  @DisplayName("stops a parse that outlasts the drain bound (its child killed), exits, and another node completes"
      + " the job")
  void stoppingWorkerHandsBackALongParse() throws Exception {
    Map<String, String> shortDrain = Map.of("DOCPARSER_PARSER_CLASSPATH", HostileParser.classPath(),
        "DOCPARSER_DRAIN_MS", String.valueOf(SHORT_DRAIN.toMillis()));
    ServiceProcess api = cluster.start("api", "api", 1);
    Map<String, ServiceProcess> workers = Map.of("worker-a", cluster.start("worker-a", "worker", 1, shortDrain),
        "worker-b", cluster.start("worker-b", "worker", 1, shortDrain));
    cluster.awaitFormed();
    String jobId = ApiClient.acceptedId(api.api().submitRaw(HostileParser.held(pidFile, releaseFile),
        "?filename=held.bin", Map.of()));
    long child = HostileParser.awaitPid(pidFile);
    String stopping = ApiClient.json(api.api().get("/status/" + jobId)).getString("node");
    String staying = stopping.equals("worker-a") ? "worker-b" : "worker-a";
    ServiceProcess stopped = workers.get(stopping);

    long sigterm = System.nanoTime();
    stopped.terminate();
    long stopMs = (System.nanoTime() - sigterm) / 1_000_000;
    HostileParser.release(releaseFile);

    assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the stopped node's child runs on");
    assertTrue(stopped.log().contains("they are stopped, and their jobs handed back"), stopped.log());
    JsonObject finished = api.api().awaitTerminal(jobId);
    assertEquals("completed", finished.getString("status"), finished.encode());
    assertEquals(staying, finished.getString("node"));
    assertEquals(2, finished.getInteger("attempts"));
    assertTrue(stopMs >= SHORT_DRAIN.toMillis(), "the node did not let the parse run for its drain: " + stopMs + " ms");
    assertTrue(stopMs < SHORT_DRAIN.plus(LEAVING).toMillis(), "stopping took " + stopMs + " ms");
    assertEquals(List.of(), cluster.blockedEventLoops());
  }

  /** A node that received SIGTERM reports itself not ready at once (it is draining), or no longer answers. */
  private static void awaitNotReady(ServiceProcess node) throws InterruptedException {
    long deadline = System.nanoTime() + LEAVING.toNanos();
    while (reportsReady(node)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the worker still reports itself ready after SIGTERM");
      }
      Thread.sleep(50);
    }
  }

  private static boolean reportsReady(ServiceProcess node) {
    try {
      return node.api().get("/health/ready").statusCode() == 200;
    } catch (AssertionError notAnswering) {
      return false;
    }
  }

  private static Map<String, String> hostileParser() {
    return Map.of("DOCPARSER_PARSER_CLASSPATH", HostileParser.classPath());
  }
}
