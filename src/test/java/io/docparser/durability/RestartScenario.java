package io.docparser.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.HostileParser;
import io.docparser.support.PrometheusText;
import io.docparser.support.ServiceProcess;
import io.docparser.support.TestDocuments;
import io.docparser.support.TikaReference;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the full-restart tests share: one job finished before the crash, more accepted and in flight when every
 * node is killed, and after the restart each of them completed with Tika's text. Every parser slot is busy with a
 * document that the test parser holds until the test releases it, so the kill finds those parses in flight whatever
 * the speed of the machine, and the documents behind them queued.
 *
 * <p>The nodes hold leases far longer than the test may take: a job that was in flight completes only because the
 * restarted nodes see that the member running it is gone, not because its lease ran out.
 */
final class RestartScenario {

  /** Longer than any of these tests may wait for a job. */
  static final Duration LEASE = Duration.ofMinutes(10);
  /** Stopping a node at the end of a test does not wait for a held parse. */
  private static final Duration DRAIN = Duration.ofSeconds(1);
  private static final int QUEUED_JOBS = 3;
  private static final int PAGES = 20;
  private static final String FINISHED_TEXT = "finished before the crash";
  private static final String HELD_TEXT = "slow document";
  private static final String IDEMPOTENCY_KEY = "order-4711";

  private final Path workDir;
  private final Path releaseFile;
  private final List<byte[]> documents = new ArrayList<>();
  private final List<String> heldIds = new ArrayList<>();
  private final List<String> queuedIds = new ArrayList<>();
  private String finishedId;

  RestartScenario(Path workDir) {
    this.workDir = workDir;
    this.releaseFile = workDir.resolve("held.release");
    for (int i = 0; i < QUEUED_JOBS; i++) {
      documents.add(TestDocuments.pdf(pages(i)));
    }
  }

  /** The settings every node of the scenario runs with: the test parser, the long lease, a short drain. */
  static Map<String, String> nodeSettings() {
    return Map.of("DOCPARSER_PARSER_CLASSPATH", HostileParser.classPath(),
        "DOCPARSER_LEASE_MS", String.valueOf(LEASE.toMillis()),
        "DOCPARSER_DRAIN_MS", String.valueOf(DRAIN.toMillis()));
  }

  /**
   * Finishes one job, then makes every one of the cluster's {@code slots} parser slots busy with a held document and
   * queues more behind them; returns once the held parses have begun.
   */
  void submitAndAwaitWorkInFlight(ApiClient api, int slots) throws IOException, InterruptedException {
    finishedId = ApiClient.acceptedId(submitFinishedText(api));
    assertEquals("completed", api.awaitTerminal(finishedId).getString("status"));
    for (int slot = 0; slot < slots; slot++) {
      Path pidFile = workDir.resolve("held-" + slot + ".pid");
      heldIds.add(ApiClient.acceptedId(api.submitRaw(HostileParser.held(pidFile, releaseFile),
          "?filename=held-" + slot + ".bin", Map.of())));
      HostileParser.awaitPid(pidFile);
      assertEquals("processing", ApiClient.json(api.get("/status/" + heldIds.get(slot))).getString("status"));
    }
    for (int i = 0; i < QUEUED_JOBS; i++) {
      queuedIds.add(ApiClient.acceptedId(api.submitMultipart(documents.get(i), "queued-" + i + ".pdf", Map.of())));
    }
  }

  /** Lets the held parses end: those that the restarted nodes start again end at once. */
  void releaseHeldParses() {
    HostileParser.release(releaseFile);
  }

  /**
   * Every job accepted before the crash completes, the result finished before it is still served, and a client that
   * repeats its submission with the same idempotency key still gets the job it got before.
   */
  void assertNothingLost(ApiClient api) throws Exception {
    assertEquals(finishedId, ApiClient.acceptedId(submitFinishedText(api)), "the idempotency key was forgotten");
    JsonObject finished = ApiClient.json(api.get("/result/" + finishedId));
    assertEquals(FINISHED_TEXT, finished.getString("result").strip(), finished.encode());
    for (int i = 0; i < QUEUED_JOBS; i++) {
      JsonObject status = api.awaitTerminal(queuedIds.get(i));
      assertEquals("completed", status.getString("status"), status.encode());
      String text = ApiClient.json(api.get("/result/" + queuedIds.get(i))).getString("result");
      assertEquals(TikaReference.normalise(TikaReference.text(documents.get(i), "queued-" + i + ".pdf", null)),
          TikaReference.normalise(text));
    }
  }

  /**
   * Each job that was in flight at the kill was queued again by a restarted node as soon as it started, because the
   * member that ran it is gone (its lease, {@link #LEASE}, would still hold it), counted as a second attempt, and
   * completed.
   */
  void assertInFlightJobsRequeuedAtOnce(ApiClient api, List<ServiceProcess> restarted) {
    for (String heldId : heldIds) {
      JsonObject status = api.awaitTerminal(heldId);
      assertEquals("completed", status.getString("status"), status.encode());
      assertEquals(2, status.getInteger("attempts"), status.encode());
      assertEquals(HELD_TEXT, ApiClient.json(api.get("/result/" + heldId)).getString("result").strip());
      String requeued = "job " + heldId + " was queued again (attempt 1 of 3): the node that ran it is no longer in"
          + " the cluster";
      assertTrue(restarted.stream().anyMatch(node -> node.log().contains(requeued)),
          "no restarted node logged: " + requeued);
    }
    double counted = restarted.stream()
        .mapToDouble(node -> new PrometheusText(node.api().get("/metrics").body())
            .sum("docparser_jobs_requeued_total", "reason=\"member_gone\""))
        .sum();
    assertEquals(heldIds.size(), counted, 0.0, "requeues counted on /metrics");
  }

  private static HttpResponse<String> submitFinishedText(ApiClient api) {
    return api.submitRaw(FINISHED_TEXT.getBytes(StandardCharsets.UTF_8), "?filename=finished.txt",
        Map.of("Idempotency-Key", IDEMPOTENCY_KEY));
  }

  private static List<String> pages(int document) {
    List<String> pages = new ArrayList<>(PAGES);
    for (int page = 0; page < PAGES; page++) {
      pages.add("Document " + document + ", page " + page + ": words that outlive a crash.");
    }
    return pages;
  }
}
