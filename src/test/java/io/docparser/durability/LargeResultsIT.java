package io.docparser.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.docparser.support.ApiClient;
import io.docparser.support.PrometheusText;
import io.docparser.support.ServiceProcess;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reported failure: three 20 MiB text documents at once on a standalone node with 768 MiB of heap. Their
 * results, held whole, exhausted the heap while embedded H2 wrote them; H2 closed its database, and the node stayed
 * alive, not ready, answering 503 until it was restarted by hand.
 */
@DisplayName("Three 20 MiB text documents at once on a standalone node with a 768 MiB heap")
class LargeResultsIT {

  private static final int DOCUMENTS = 3;
  /** 128 + SIGTERM: the node was stopped from outside, which says nothing of what it would have done itself. */
  private static final int TERMINATED = 143;
  private static final int DOCUMENT_BYTES = 20 * 1024 * 1024;
  private static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled");
  /**
   * A job whose outcome could not be stored goes back to the queue when its lease runs out: a short lease keeps the
   * retries short.
   */
  private static final String LEASE_MS = "5000";
  /** Time for every retry such a job may get (up to three attempts, each a lease and a backoff). */
  private static final Duration SETTLE_WITHIN = Duration.ofMinutes(4);

  @TempDir
  Path workDir;

  private double heapPeakBytes;

  @Test
  @DisplayName("leave the node serving (ready, the jobs ended, a new job completes) or exited non-zero, never half-alive")
  void nodeServesOrExits() throws Exception {
    // Three slots, so that the three parses and their result writes run at once, as on the reporter's machine,
    // whatever the number of cores of the machine running this test.
    ServiceProcess node = ServiceProcess.startWithJvmOptions("large-results", List.of("-Xmx768m"),
        Map.of("DOCPARSER_WORKERS", String.valueOf(DOCUMENTS), "DOCPARSER_LEASE_MS", LEASE_MS), workDir).awaitReady();
    try {
      long started = System.nanoTime();
      List<String> jobs = submitAtOnce(node.api());
      String outcome = awaitServingOrExit(node, jobs);
      System.out.printf("%s after %d s; heap peak seen on /metrics: %.0f MiB%n", outcome,
          Duration.ofNanos(System.nanoTime() - started).toSeconds(), heapPeakBytes / (1024 * 1024));
    } finally {
      node.close();
    }
  }

  private static List<String> submitAtOnce(ApiClient api) {
    List<CompletableFuture<HttpResponse<String>>> submissions = IntStream.range(0, DOCUMENTS)
        .mapToObj(i -> CompletableFuture.supplyAsync(
            () -> api.submitRaw(text(i), "?filename=large-" + i + ".txt", Map.of())))
        .toList();
    return submissions.stream().map(CompletableFuture::join).map(ApiClient::acceptedId).toList();
  }

  /** Plain text of words and lines, different for each document. */
  private static byte[] text(int document) {
    StringBuilder text = new StringBuilder(DOCUMENT_BYTES + 100);
    for (int line = 0; text.length() < DOCUMENT_BYTES; line++) {
      text.append("Document ").append(document).append(", line ").append(line)
          .append(": the quick brown fox jumps over the lazy dog.\n");
    }
    return text.substring(0, DOCUMENT_BYTES).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Waits until the node serves again or has exited. A node that is still alive but not serving when the time is up
   * is the failure this test exists for.
   */
  private String awaitServingOrExit(ServiceProcess node, List<String> jobs) throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE_WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      if (!node.isAlive()) {
        int status = node.awaitExit();
        assertNotEquals(0, status, "the node exited with 0 after its store failed:\n" + node.log());
        assertNotEquals(TERMINATED, status, "the node was stopped from outside:\n" + node.log());
        return "exited with " + status;
      }
      if (servesAgain(node, jobs)) {
        String probe = node.api().submitTextForId("a small job after the large ones");
        assertEquals("completed", node.api().awaitTerminal(probe).getString("status"), node.log());
        return "serving, the large jobs ended as " + statuses(node.api(), jobs);
      }
      Thread.sleep(1_000);
    }
    throw new AssertionError("the node is alive but not serving " + SETTLE_WITHIN + " after the submissions: "
        + statuses(node.api(), jobs) + "\n" + node.log());
  }

  /** Ready, and every job ended; false too when the node went away during the look. */
  private boolean servesAgain(ServiceProcess node, List<String> jobs) {
    try {
      ApiClient api = node.api();
      heapPeakBytes = Math.max(heapPeakBytes,
          new PrometheusText(api.get("/metrics").body()).sum("jvm_memory_used_bytes", "area=\"heap\""));
      return api.get("/health/ready").statusCode() == 200
          && jobs.stream().allMatch(id -> TERMINAL.contains(statusOf(api, id)));
    } catch (AssertionError connectionLost) {
      return false;
    }
  }

  private static List<String> statuses(ApiClient api, List<String> jobs) {
    return jobs.stream().map(id -> statusOf(api, id)).toList();
  }

  private static String statusOf(ApiClient api, String jobId) {
    HttpResponse<String> response = api.get("/status/" + jobId);
    return response.statusCode() == 200 ? ApiClient.json(response).getString("status") : "HTTP " + response.statusCode();
  }
}
