package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.Hazelcast;
import io.docparser.persistence.StoreMaps;
import io.docparser.support.ApiClient;
import io.docparser.support.Await;
import io.docparser.support.HostileParser;
import io.docparser.support.HostileParser.Hold;
import io.docparser.support.PrometheusText;
import io.docparser.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One node with one parser slot and isolation none, so that a parse cannot be stopped once it runs (DESIGN property
 * 7). The test parser, loaded into the node's own JVM, holds a document until the test releases it: the slot is
 * surely busy while the test acts, and the test knows when the parse is over.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Managing jobs: cancel, delete, list, idempotency and expiry, on a node with one parser slot")
class JobManagementTest {

  private static final int RESULT_TTL_S = 8;
  private static ApiClient api;

  @BeforeAll
  static void startNode(Vertx vertx, VertxTestContext context) {
    TestNode.deploy(vertx, Map.of("DOCPARSER_WORKERS", "1", "DOCPARSER_ISOLATION", "none",
            "DOCPARSER_RESULT_TTL_S", String.valueOf(RESULT_TTL_S)), HostileParser.classLoader())
        .onComplete(context.succeeding(config -> {
          api = new ApiClient(config.httpPort());
          context.completeNow();
        }));
  }

  @Test
  @DisplayName("a queued job is cancelled at once, and its result answers 409 CANCELLED")
  void queuedJobIsCancelled(@TempDir Path signals) {
    Hold hold = HostileParser.hold(signals);
    String busy = ApiClient.acceptedId(api.submitRaw(hold.document(), "?filename=held.bin", Map.of()));
    try {
      hold.awaitStarted();
      String waiting = api.submitTextForId("waiting behind a held document");

      JsonObject cancelled = ApiClient.json(delete(waiting));

      assertEquals("cancelled", cancelled.getString("status"));
      assertEquals("CANCELLED", cancelled.getString("error_code"));
      assertEquals("cancelled", ApiClient.json(api.get("/status/" + waiting)).getString("status"));
      HttpResponse<String> result = api.get("/result/" + waiting);
      assertEquals(409, result.statusCode());
      assertEquals("CANCELLED", ApiClient.json(result).getString("error_code"));
    } finally {
      hold.release();
    }
    assertEquals("completed", api.awaitTerminal(busy).getString("status"));
  }

  @Test
  @DisplayName("with isolation none, a job cancelled while its parse runs stays cancelled when that parse ends with a"
      + " result: the late result is discarded, never served, and the job is not completed")
  void lateResultOfACancelledJobIsDiscarded(@TempDir Path signals) {
    Hold hold = HostileParser.hold(signals);
    String running = ApiClient.acceptedId(api.submitRaw(hold.document(), "?filename=held.bin", Map.of()));
    double parsedBefore;
    try {
      hold.awaitStarted();
      assertEquals("processing", ApiClient.json(api.get("/status/" + running)).getString("status"));
      parsedBefore = meters().sum("docparser_parse_duration_seconds_count", "outcome=\"parsed\"");

      assertEquals("cancelled", ApiClient.json(delete(running)).getString("status"));
    } finally {
      hold.release();
    }
    // The one slot takes the next job only once it is done with the held one, result and all.
    String next = api.submitTextForId("parsed after the held document");
    assertEquals("completed", api.awaitTerminal(next).getString("status"));

    assertEquals(parsedBefore + 2, meters().sum("docparser_parse_duration_seconds_count", "outcome=\"parsed\""),
        "the held parse ran to its end with a result, and so did the next one");
    JsonObject status = ApiClient.json(api.get("/status/" + running));
    assertEquals("cancelled", status.getString("status"), status.encode());
    assertEquals("CANCELLED", status.getString("error_code"));
    HttpResponse<String> result = api.get("/result/" + running);
    assertEquals(409, result.statusCode(), result.body());
    assertFalse(result.body().contains("held document"), result.body());
    assertEquals(409, api.get("/result/" + running + "/content").statusCode());
    assertFalse(Hazelcast.getAllHazelcastInstances().stream()
            .anyMatch(member -> member.getMap(StoreMaps.RESULTS).containsKey(running)),
        "the late result was written and then kept in the results map (and so in the database)");
  }

  @Test
  @DisplayName("a finished job is deleted with its result")
  void finishedJobIsDeleted() {
    String jobId = api.submitTextForId("to be deleted");
    api.awaitTerminal(jobId);

    HttpResponse<String> deleted = delete(jobId);

    assertEquals(200, deleted.statusCode());
    assertEquals("completed", ApiClient.json(deleted).getString("status"));
    assertEquals(404, api.get("/status/" + jobId).statusCode());
    assertEquals(404, api.get("/result/" + jobId).statusCode());
    assertEquals(404, delete(jobId).statusCode());
  }

  @Test
  @DisplayName("jobs are listed newest first, page by page, and by status")
  void jobsAreListed() {
    List<String> ids = IntStream.range(0, 3).mapToObj(i -> api.submitTextForId("listed " + i)).toList();
    ids.forEach(api::awaitTerminal);

    JsonObject first = ApiClient.json(api.get("/jobs?limit=2"));
    JsonArray firstJobs = first.getJsonArray("jobs");
    assertEquals(ids.get(2), firstJobs.getJsonObject(0).getString("job_id"));
    assertEquals(ids.get(1), firstJobs.getJsonObject(1).getString("job_id"));
    JsonObject second = ApiClient.json(api.get("/jobs?limit=2&cursor=" + first.getString("next_cursor")));
    assertEquals(ids.get(0), second.getJsonArray("jobs").getJsonObject(0).getString("job_id"));

    JsonArray completed = ApiClient.json(api.get("/jobs?status=completed&limit=500")).getJsonArray("jobs");
    assertTrue(completed.stream().allMatch(job -> "completed".equals(((JsonObject) job).getString("status"))));
    assertEquals(400, api.get("/jobs?status=lost").statusCode());
    assertEquals(400, api.get("/jobs?cursor=no-such-job").statusCode());
  }

  @Test
  @DisplayName("a repeated Idempotency-Key returns the first job; another key makes a new one")
  void idempotencyKeyReturnsFirstJob() {
    String first = ApiClient.acceptedId(submitWithKey("invoice-2026-0042"));
    String repeat = ApiClient.acceptedId(submitWithKey("invoice-2026-0042"));
    String other = ApiClient.acceptedId(submitWithKey("invoice-2026-0043"));

    assertEquals(first, repeat);
    assertNotEquals(first, other);
    assertEquals(400, submitWithKey("no spaces allowed").statusCode());
  }

  @Test
  @DisplayName("a finished job and its result are gone (404) once the result TTL has passed")
  void finishedJobsExpire() {
    String jobId = api.submitTextForId("short-lived");
    assertEquals("completed", api.awaitTerminal(jobId).getString("status"));

    Await.until(() -> api.get("/status/" + jobId).statusCode() == 404,
        "the job to expire after its TTL of " + RESULT_TTL_S + " s");
    assertEquals(404, api.get("/result/" + jobId).statusCode());
  }

  private static PrometheusText meters() {
    return new PrometheusText(api.get("/metrics").body());
  }

  private static HttpResponse<String> delete(String jobId) {
    return api.send(HttpRequest.newBuilder(URI.create(api.base() + "/jobs/" + jobId)).DELETE());
  }

  private static HttpResponse<String> submitWithKey(String key) {
    return api.send(HttpRequest.newBuilder(URI.create(api.base() + "/submit"))
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", key)
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("document_data", "idempotent").encode())));
  }

}
