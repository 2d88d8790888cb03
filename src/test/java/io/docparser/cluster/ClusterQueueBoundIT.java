package io.docparser.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.HostileParser;
import io.docparser.support.HostileParser.Hold;
import io.docparser.support.RunningCluster;
import io.docparser.support.RunningCluster.Member;
import io.docparser.support.ServiceProcess;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two api nodes and one worker with one parser slot, which the test holds with a document of the test parser, so
 * that the queue fills and drains exactly when the test says. Each api node keeps a gauge of its own: it measures
 * the cluster-wide queue at most every 0.5 s and adds what it admitted itself since (README, "The queue bound is
 * approximate"). A node's own admissions therefore always count against the bound, and a refusal is always
 * checked against a new measurement; what one node cannot see is what the other admitted since its measurement. So
 * with two api nodes the queue reaches the bound and passes it by less than the bound again, whatever the timing.
 */
@DisplayName("The queue bound of a cluster with two api nodes")
class ClusterQueueBoundIT {

  private static final int QUEUE_MAX = 3;
  private static final Map<String, String> BOUNDED = Map.of("DOCPARSER_QUEUE_MAX", String.valueOf(QUEUE_MAX));

  @RegisterExtension
  static final RunningCluster CLUSTER = RunningCluster.of(
      Member.named("api-a").roles("api").workers(1).settings(BOUNDED),
      Member.named("api-b").roles("api").workers(1).settings(BOUNDED),
      Member.named("worker").roles("worker").workers(1)
          .settings(Map.of("DOCPARSER_PARSER_CLASSPATH", HostileParser.classPath())));

  @TempDir
  static Path workDir;

  private final List<ServiceProcess> apiNodes = List.of(CLUSTER.node("api-a"), CLUSTER.node("api-b"));

  @Test
  @DisplayName("submissions spread over both api nodes fill the queue to its bound and pass it by less than the bound;"
      + " then each node answers 429 QUEUE_FULL with Retry-After, and accepts again once the queue has drained")
  void boundHoldsAcrossApiNodes() throws Exception {
    Hold hold = HostileParser.hold(Files.createDirectories(workDir.resolve("held")));
    String heldId = ApiClient.acceptedId(apiNodes.get(0).api().submitRaw(hold.document(), "?filename=held.bin",
        Map.of()));
    List<String> admitted = new ArrayList<>();
    try {
      hold.awaitStarted();
      Map<String, Integer> admittedBy = fillFromBothNodes(admitted);

      int queued = queuedJobs();
      assertEquals(admitted.size(), queued, "every admitted job is queued behind the held one");
      assertTrue(queued >= QUEUE_MAX, "refused before the bound: " + admittedBy);
      assertTrue(queued < 2 * QUEUE_MAX, "past the bound by the bound or more: " + admittedBy);
      admittedBy.forEach((node, count) -> assertTrue(count <= QUEUE_MAX, node + " alone passed the bound"));
      for (ServiceProcess node : apiNodes) {
        assertQueueFull(submitTo(node, "refused once full"), node);
      }
    } finally {
      hold.release();
    }

    assertEquals("completed", apiNodes.get(1).api().awaitTerminal(heldId).getString("status"));
    for (String jobId : admitted) {
      assertEquals("completed", apiNodes.get(0).api().awaitTerminal(jobId).getString("status"));
    }
    for (ServiceProcess node : apiNodes) {
      assertEquals(202, submitAfterRetryAfter(node).statusCode(), "no room on " + node.api().base() + " once drained");
    }
  }

  /**
   * Submits to the two api nodes in turn until each has refused once; a node that refused keeps refusing while the
   * queue cannot drain, since its refusals are checked against a new measurement.
   *
   * @param admitted the ids of the jobs admitted, in order
   * @return how many jobs each node admitted
   */
  private Map<String, Integer> fillFromBothNodes(List<String> admitted) {
    Map<String, Integer> admittedBy = new HashMap<>();
    Map<String, Boolean> refused = new HashMap<>();
    for (int turn = 0; refused.size() < apiNodes.size(); turn++) {
      assertTrue(turn < 4 * QUEUE_MAX, "the api nodes admitted more than " + 2 * QUEUE_MAX + " jobs: " + admittedBy);
      ServiceProcess node = apiNodes.get(turn % apiNodes.size());
      HttpResponse<String> answer = submitTo(node, "filler " + turn);
      if (answer.statusCode() == 202) {
        assertFalse(refused.containsKey(node.api().base()), "admitted after a refusal, with nothing drained");
        admitted.add(ApiClient.acceptedId(answer));
        admittedBy.merge(node.api().base(), 1, Integer::sum);
      } else {
        assertQueueFull(answer, node);
        refused.put(node.api().base(), true);
      }
    }
    return admittedBy;
  }

  /** Queued jobs, read from the job map (the /cluster census is periodic, and may be older). */
  private int queuedJobs() {
    return ApiClient.json(apiNodes.get(1).api().get("/jobs?status=queued&limit=500")).getJsonArray("jobs").size();
  }

  private static HttpResponse<String> submitTo(ServiceProcess node, String text) {
    return node.api().submitText(text);
  }

  /**
   * A submission as a client that was refused makes it: after the Retry-After the refusal named. The node may have
   * refused against a measurement taken just before the queue drained; Retry-After outlasts that measurement.
   */
  private static HttpResponse<String> submitAfterRetryAfter(ServiceProcess node) throws InterruptedException {
    HttpResponse<String> refusal = submitTo(node, "refused, to learn the Retry-After");
    if (refusal.statusCode() == 202) {
      return refusal;
    }
    assertQueueFull(refusal, node);
    Thread.sleep(Duration.ofSeconds(Long.parseLong(refusal.headers().firstValue("Retry-After").orElseThrow()))
        .toMillis());
    return submitTo(node, "after the Retry-After");
  }

  private static void assertQueueFull(HttpResponse<String> answer, ServiceProcess node) {
    assertEquals(429, answer.statusCode(), node.api().base() + ": " + answer.body());
    assertEquals("1", answer.headers().firstValue("Retry-After").orElseThrow());
    JsonObject error = ApiClient.json(answer);
    assertEquals("QUEUE_FULL", error.getString("error_code"), error.encode());
  }
}
