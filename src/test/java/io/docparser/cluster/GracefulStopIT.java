package io.docparser.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.HostileParser;
import io.docparser.support.RunningCluster;
import io.docparser.support.RunningCluster.Member;
import io.docparser.support.ServiceProcess;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parses here are held by the test parser until the test releases them, so that what the stopping node does
 * with a running parse is decided by the drain bound alone, never by how fast this machine parses. Each test stops
 * a worker of a cluster of its own shape, so each has a nested class with that cluster.
 */
@DisplayName("A worker node stopped with SIGTERM")
class GracefulStopIT {

  /** What the test parser answers for a held document. */
  private static final String HELD_TEXT = "slow document";
  private static final Duration SHORT_DRAIN = Duration.ofSeconds(2);
  /** Time for a node to leave the cluster and exit once its drain is over. */
  private static final Duration LEAVING = Duration.ofSeconds(20);
  private static final Map<String, String> HOSTILE_PARSER =
      Map.of("DOCPARSER_PARSER_CLASSPATH", HostileParser.classPath());

  @TempDir
  Path workDir;
  private Path pidFile;
  private Path releaseFile;

  @BeforeEach
  void nameHoldFiles() {
    pidFile = workDir.resolve("held.pid");
    releaseFile = workDir.resolve("held.release");
  }

  @AfterEach
  void releaseHeldParse() {
    HostileParser.release(releaseFile);
  }

  @Nested
  @DisplayName("when it is the only worker")
  class OnlyWorker {

    @RegisterExtension
    static final RunningCluster CLUSTER = RunningCluster.of(
        Member.named("api").roles("api").workers(1),
        Member.named("worker").roles("worker").workers(1).settings(HOSTILE_PARSER));

    @Test
    @DisplayName("finishes the parse it is running, takes no new job, leaves the cluster and exits")
    void stoppingWorkerFinishesItsJob() throws Exception {
      ServiceProcess api = CLUSTER.node("api");
      ServiceProcess worker = CLUSTER.node("worker");
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
    }
  }

  @Nested
  @DisplayName("beside another worker, with a short drain bound")
  class WithAnotherWorker {

    private static final Map<String, String> SHORT_DRAIN_SETTINGS = Map.of(
        "DOCPARSER_PARSER_CLASSPATH", HostileParser.classPath(),
        "DOCPARSER_DRAIN_MS", String.valueOf(SHORT_DRAIN.toMillis()));

    @RegisterExtension
    static final RunningCluster CLUSTER = RunningCluster.of(
        Member.named("api").roles("api").workers(1),
        Member.named("worker-a").roles("worker").workers(1).settings(SHORT_DRAIN_SETTINGS),
        Member.named("worker-b").roles("worker").workers(1).settings(SHORT_DRAIN_SETTINGS));

    @Test
    @DisplayName("stops a parse that outlasts the drain bound (its child killed), exits, and another node completes"
        + " the job")
    void stoppingWorkerHandsBackALongParse() throws Exception {
      ServiceProcess api = CLUSTER.node("api");
      String jobId = ApiClient.acceptedId(api.api().submitRaw(HostileParser.held(pidFile, releaseFile),
          "?filename=held.bin", Map.of()));
      long child = HostileParser.awaitPid(pidFile);
      String stopping = ApiClient.json(api.api().get("/status/" + jobId)).getString("node");
      String staying = stopping.equals("worker-a") ? "worker-b" : "worker-a";
      ServiceProcess stopped = CLUSTER.node(stopping);

      long sigterm = System.nanoTime();
      stopped.terminate();
      long stopMs = (System.nanoTime() - sigterm) / 1_000_000;
      HostileParser.release(releaseFile);

      assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false),
          "the stopped node's child runs on");
      assertTrue(stopped.log().contains("they are stopped, and their jobs handed back"), stopped.log());
      JsonObject finished = api.api().awaitTerminal(jobId);
      assertEquals("completed", finished.getString("status"), finished.encode());
      assertEquals(staying, finished.getString("node"));
      assertEquals(2, finished.getInteger("attempts"));
      assertTrue(stopMs >= SHORT_DRAIN.toMillis(),
          "the node did not let the parse run for its drain: " + stopMs + " ms");
      assertTrue(stopMs < SHORT_DRAIN.plus(LEAVING).toMillis(), "stopping took " + stopMs + " ms");
    }
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
}
