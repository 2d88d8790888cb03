package io.docparser.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.RunningCluster;
import io.docparser.support.RunningCluster.Member;
import io.docparser.support.ServiceProcess;
import io.docparser.support.TestDocuments;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("A rolling restart of every node while jobs flow")
class RollingRestartIT {

  private static final int NODES = 3;
  /** Jobs accepted before each restart and after the last, so that every restart happens while jobs flow. */
  private static final int ACCEPTED_PER_PHASE = 3;

  @RegisterExtension
  static final RunningCluster CLUSTER = RunningCluster.of(
      IntStream.range(0, NODES).mapToObj(i -> Member.named("node-" + i)).toArray(Member[]::new));

  @Test
  @DisplayName("loses no job and leaves none stuck: every accepted job completes")
  void rollingRestartLosesNothing() throws Exception {
    byte[] document = TestDocuments.pdf(IntStream.range(0, 100).mapToObj(i -> "page " + i).toList());

    List<String> accepted = new CopyOnWriteArrayList<>();
    AtomicBoolean submitting = new AtomicBoolean(true);
    Thread client = new Thread(() -> submitWhile(submitting, document, accepted), "rolling-restart-client");
    client.start();
    for (int i = 0; i < NODES; i++) {
      awaitMoreAccepted(accepted);
      CLUSTER.cluster().restart(i);
    }
    awaitMoreAccepted(accepted);
    submitting.set(false);
    client.join();

    assertTrue(accepted.size() >= 10, "only " + accepted.size() + " jobs were accepted during the restarts");
    ApiClient api = CLUSTER.node(0).api();
    for (String jobId : accepted) {
      JsonObject status = api.awaitTerminal(jobId);
      assertEquals("completed", status.getString("status"), status.encode());
    }
  }

  private static void awaitMoreAccepted(List<String> accepted) throws InterruptedException {
    int wanted = accepted.size() + ACCEPTED_PER_PHASE;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (accepted.size() < wanted) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the cluster accepted only " + accepted.size() + " jobs; " + wanted + " expected");
      }
      Thread.sleep(50);
    }
  }

  /** Submits a document every 250 ms to whichever node answers, as a client behind a load balancer would. */
  private void submitWhile(AtomicBoolean submitting, byte[] document, List<String> accepted) {
    int next = 0;
    while (submitting.get()) {
      ServiceProcess node = CLUSTER.node(next++ % NODES);
      try {
        HttpResponse<String> response = node.api().submitRaw(document, "?filename=flow.pdf", Map.of());
        if (response.statusCode() == 202) {
          accepted.add(ApiClient.json(response).getString("job_id"));
        }
        Thread.sleep(250);
      } catch (AssertionError | RuntimeException down) {
        // that node is restarting; the next one takes the submission
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
