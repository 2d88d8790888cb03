package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.Await;
import io.docparser.support.PrometheusText;
import io.docparser.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("An api-only node with no parser anywhere keeps jobs queued")
class ApiOnlyNodeTest {

  /** The longest wait a client may ask for: a poll answered before half of it was not answered by its deadline. */
  private static final int POLL_SECONDS = 60;
  private static ApiClient api;

  @BeforeAll
  static void startNode(Vertx vertx, VertxTestContext context) {
    TestNode.deploy(vertx, Map.of("DOCPARSER_ROLES", "api")).onComplete(context.succeeding(config -> {
      api = new ApiClient(config.httpPort());
      context.completeNow();
    }));
  }

  @Test
  @DisplayName("the result of a queued job answers 202 with Retry-After")
  void pendingResultAsksToRetry() {
    String jobId = api.submitTextForId("waiting for a parser");

    HttpResponse<String> result = api.get("/result/" + jobId);

    assertEquals(202, result.statusCode());
    assertEquals("1", result.headers().firstValue("Retry-After").orElseThrow());
    JsonObject body = ApiClient.json(result);
    assertEquals("queued", body.getString("status"));
    assertEquals(jobId, body.getString("job_id"));
  }

  @Test
  @DisplayName("a long poll on a job that does not finish answers with its status when the wait is over")
  void longPollEndsAtTheDeadline() {
    String jobId = api.submitTextForId("still waiting");

    long started = System.nanoTime();
    HttpResponse<String> status = api.get("/status/" + jobId + "?wait=1");
    long waitedMs = (System.nanoTime() - started) / 1_000_000;

    assertEquals(200, status.statusCode());
    assertEquals("queued", ApiClient.json(status).getString("status"));
    assertTrue(waitedMs >= 900, "answered after " + waitedMs + " ms");
  }

  @Test
  @DisplayName("a long poll that is waiting when its job ends (cancelled by another client) is answered because the"
      + " end was announced, long before its own deadline")
  void longPollAnswersWhenTheJobEnds() throws Exception {
    String jobId = api.submitTextForId("to be cancelled");
    double wokenBefore = meters().sum("docparser_long_polls_woken_total");
    CompletableFuture<HttpResponse<String>> polling =
        CompletableFuture.supplyAsync(() -> api.get("/status/" + jobId + "?wait=" + POLL_SECONDS));
    Await.until(() -> meters().sum("docparser_long_polls") == 1, "the node to count the long poll as waiting");

    assertEquals(200, api.delete("/jobs/" + jobId).statusCode());

    HttpResponse<String> status = polling.get(POLL_SECONDS / 2, TimeUnit.SECONDS);
    assertEquals("cancelled", ApiClient.json(status).getString("status"));
    assertEquals(wokenBefore + 1, meters().sum("docparser_long_polls_woken_total"),
        "the poll was answered by a re-read of its job, not by the announcement of its end");
    assertEquals(0, meters().sum("docparser_long_polls"));
  }

  @Test
  @DisplayName("readiness does not depend on parser slots when the node has none")
  void readyWithoutSlots() {
    HttpResponse<String> ready = api.get("/health/ready");

    assertEquals(200, ready.statusCode());
    assertFalse(ready.body().contains("parser-slots"), ready.body());
  }

  private static PrometheusText meters() {
    return new PrometheusText(api.get("/metrics").body());
  }
}
