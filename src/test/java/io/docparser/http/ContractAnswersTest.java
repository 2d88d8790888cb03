package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.DeployedNode;
import io.docparser.support.TestDocuments;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the contract says the answers carry, beyond their bodies: headers, media types, HEAD, the typed operations. */
@DisplayName("Answers as the contract declares them")
class ContractAnswersTest {

  @RegisterExtension
  static final DeployedNode node = DeployedNode.with(Map.of());
  @RegisterExtension
  static final DeployedNode apiOnly =
      DeployedNode.with(Map.of("DOCPARSER_ROLES", "api", "DOCPARSER_NODE_ID", "api-only"));

  private static ApiClient api;

  @BeforeAll
  static void connect() {
    api = node.api();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/health/live", "/health/ready", "/formats", "/jobs", "/cluster"})
  @DisplayName("every JSON answer has the one media type application/json")
  void jsonAnswersShareOneMediaType(String path) {
    assertEquals(JsonAnswers.MEDIA_TYPE, api.get(path).headers().firstValue("Content-Type").orElse(""), path);
    assertEquals(JsonAnswers.MEDIA_TYPE, api.get("/status/" + UUID.randomUUID()).headers()
        .firstValue("Content-Type").orElse(""), "an error answer");
  }

  @ParameterizedTest(name = "HEAD {0}")
  @ValueSource(strings = {"/health/ready", "/formats", "/openapi.yaml", "/docs", "/dashboard", "/jobs"})
  @DisplayName("HEAD is served wherever GET is: the same status and headers, no body")
  void headIsServedLikeGet(String path) {
    HttpResponse<String> get = api.get(path);
    HttpResponse<String> head = api.send(HttpRequest.newBuilder(URI.create(api.base() + path))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()));

    assertEquals(get.statusCode(), head.statusCode(), path);
    assertEquals(get.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"), path);
    assertEquals("", head.body(), path);
  }

  @Test
  @DisplayName("the 202 of a submission and the status of a queued job say when to ask again (Retry-After)")
  void queuedJobsCarryRetryAfter() {
    HttpResponse<String> accepted = apiOnly.api().submitText("a job on a node that parses nothing");
    String jobId = ApiClient.acceptedId(accepted);

    assertEquals("1", accepted.headers().firstValue("Retry-After").orElse(""));
    HttpResponse<String> status = apiOnly.api().get("/status/" + jobId);
    assertEquals("queued", ApiClient.json(status).getString("status"));
    assertEquals("1", status.headers().firstValue("Retry-After").orElse(""));
    String finished = api.submitTextForId("a job that ends");
    api.awaitTerminal(finished);
    assertTrue(api.get("/status/" + finished).headers().firstValue("Retry-After").isEmpty(),
        "a finished job has no reason to be asked for again");
  }

  @Test
  @DisplayName("a pending result is a JobPending told apart by its status, with Retry-After")
  void pendingResultIsTypedByStatus() {
    String jobId = apiOnly.api().submitTextForId("never parsed here");

    HttpResponse<String> pending = apiOnly.api().get("/result/" + jobId);
    HttpResponse<String> pendingContent = apiOnly.api().get("/result/" + jobId + "/content");

    for (HttpResponse<String> answer : List.of(pending, pendingContent)) {
      assertEquals(202, answer.statusCode(), answer.body());
      assertEquals("queued", ApiClient.json(answer).getString("status"));
      assertEquals("1", answer.headers().firstValue("Retry-After").orElse(""));
    }
  }

  @Test
  @DisplayName("the 409 of a job without a result carries the request's id, as every error does")
  void failedResultCarriesRequestId() {
    String jobId = apiOnly.api().submitTextForId("to be cancelled");
    apiOnly.api().delete("/jobs/" + jobId);

    HttpResponse<String> answer = apiOnly.api().send(HttpRequest.newBuilder(URI.create(apiOnly.api().base() + "/result/"
        + jobId)).header("X-Request-Id", "trace-409").GET());

    assertEquals(409, answer.statusCode());
    JsonObject body = ApiClient.json(answer);
    assertEquals("trace-409", body.getString("request_id"));
    assertEquals("CANCELLED", body.getString("error_code"));
  }

  @Test
  @DisplayName("/submit/form and /submit/raw take one form each, and /result/{id}/content answers the content alone")
  void typedOperationsServeTheSameHandlers() {
    String formJob = ApiClient.acceptedId(api.submitMultipartTo("/submit/form", TestDocuments.html(), "page.html",
        Map.of("output_format", "markdown")));
    String rawJob = ApiClient.acceptedId(api.post("/submit/raw?output_format=json&filename=page.html",
        "application/octet-stream", new String(TestDocuments.html(), StandardCharsets.UTF_8)));
    api.awaitTerminal(formJob);
    api.awaitTerminal(rawJob);

    HttpResponse<String> markdown = api.get("/result/" + formJob + "/content");
    assertEquals("text/markdown; charset=utf-8", markdown.headers().firstValue("Content-Type").orElse(""));
    assertEquals(ApiClient.json(api.get("/result/" + formJob)).getString("result"), markdown.body());
    HttpResponse<String> json = api.get("/result/" + rawJob + "/content");
    assertEquals("application/json; charset=utf-8", json.headers().firstValue("Content-Type").orElse(""));
    assertEquals(ApiClient.json(api.get("/result/" + rawJob)).getJsonArray("result"), new JsonArray(json.body()));
    assertEquals(json.body(), api.get("/result/" + rawJob + "?raw=true").body());
  }
}
