package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.DeployedNode;
import io.docparser.support.RawHttp;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("A node with API keys")
class ApiKeyTest {

  private static final String FIRST_KEY = "first-key-" + UUID.randomUUID();
  private static final String SECOND_KEY = "second-key-" + UUID.randomUUID();

  @RegisterExtension
  static final DeployedNode node = DeployedNode.with(Map.of("DOCPARSER_API_KEYS", FIRST_KEY + "," + SECOND_KEY,
      "DOCPARSER_RATE_LIMIT_PER_S", "0"));

  private static ApiClient anonymous;
  private static ApiClient first;
  private static ApiClient second;
  private static OpenAPIContract contract;

  @BeforeAll
  static void clientsAndContract() throws Exception {
    anonymous = node.api();
    first = anonymous.withHeader("Authorization", "Bearer " + FIRST_KEY);
    second = anonymous.withHeader("X-API-Key", SECOND_KEY);
    contract = OpenAPIContract.from(node.vertx(), ContractRoutes.load().loadableContractJson())
        .await(30, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("every operation the contract secures answers 401 without a key, and every open one does not")
  void declaredAndEnforcedRulesAgree() {
    int secured = 0;
    for (Operation operation : contract.operations()) {
      boolean open = operation.getSecurityRequirements().isEmpty();
      HttpResponse<String> withoutKey = call(anonymous, operation);
      HttpResponse<String> withKey = call(first, operation);
      String name = operation.getOperationId();
      if (open) {
        assertNotEquals(401, withoutKey.statusCode(), name + ": " + withoutKey.body());
      } else {
        secured++;
        assertEquals(401, withoutKey.statusCode(), name + ": " + withoutKey.body());
        assertEquals("UNAUTHORIZED", ApiClient.json(withoutKey).getString("error_code"), name);
        assertTrue(withoutKey.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), name);
      }
      assertNotEquals(401, withKey.statusCode(), name + ": " + withKey.body());
    }
    assertTrue(secured >= 6, "the contract secures " + secured + " operations");
  }

  @Test
  @DisplayName("the files that the open pages load need no key, and nothing else next to them is opened")
  void pageAssetsAreOpen() {
    for (String asset : List.of("/docs/swagger-ui.css", "/dashboard/static/dashboard.js",
        "/dashboard/uplot/uPlot.iife.min.js")) {
      HttpResponse<String> response = anonymous.get(asset);
      assertEquals(200, response.statusCode(), asset);
    }
    assertEquals(401, anonymous.get("/dashboardx").statusCode());
    assertEquals(401, anonymous.get("/dashboard/../jobs").statusCode());
  }

  @Test
  @DisplayName("an open path cannot be used to reach a secured one: dot segments are resolved before the check")
  void dotSegmentsDoNotOpenSecuredPaths() {
    for (String path : List.of("/docs/../jobs", "/dashboard/../cluster", "/health/live/../../metrics",
        "/docs/%2e%2e/jobs")) {
      HttpResponse<String> response = anonymous.get(path);
      assertEquals(401, response.statusCode(), path + ": " + response.body());
    }
    RawHttp.Response broken = new RawHttp(node.httpPort())
        .send("GET /formats%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    assertEquals(400, broken.status(), broken.body());
    assertEquals("INVALID_REQUEST", new JsonObject(broken.body()).getString("error_code"));
  }

  @Test
  @DisplayName("an unknown key, or a key sent in the wrong scheme, is 401")
  void unknownKeyIsUnauthorized() {
    for (ApiClient client : List.of(anonymous.withHeader("X-API-Key", "not-a-key-of-this-service"),
        anonymous.withHeader("Authorization", "Bearer " + FIRST_KEY + "x"),
        anonymous.withHeader("Authorization", "Basic " + FIRST_KEY))) {
      HttpResponse<String> response = client.get("/jobs");

      assertEquals(401, response.statusCode(), response.body());
      assertFalse(response.body().contains(FIRST_KEY), response.body());
    }
  }

  @Test
  @DisplayName("a second key cannot read, wait on, list, cancel or resubmit the first key's job")
  void jobsArePrivateToTheirKey() {
    String jobId = ApiClient.acceptedId(first.post("/submit", "application/json",
        new JsonObject().put("document_data", "belongs to the first key").encode()));
    assertEquals("completed", first.awaitTerminal(jobId).getString("status"));

    for (String path : List.of("/status/" + jobId, "/status/" + jobId + "?wait=1", "/result/" + jobId)) {
      HttpResponse<String> response = second.get(path);
      assertEquals(404, response.statusCode(), path + ": " + response.body());
      assertEquals("NOT_FOUND", ApiClient.json(response).getString("error_code"));
    }
    assertFalse(second.get("/jobs").body().contains(jobId));
    assertTrue(first.get("/jobs").body().contains(jobId));
    HttpResponse<String> cancel = second.delete("/jobs/" + jobId);
    assertEquals(404, cancel.statusCode(), cancel.body());
    assertEquals(200, first.get("/result/" + jobId).statusCode());
  }

  @Test
  @DisplayName("an idempotency key is the caller's own: the same key from two API keys makes two jobs")
  void idempotencyKeysArePerCaller() {
    String idempotencyKey = "batch-" + UUID.randomUUID();
    String body = new JsonObject().put("document_data", "same request").encode();

    String firstJob = ApiClient.acceptedId(submit(first, body, idempotencyKey));
    String firstAgain = ApiClient.acceptedId(submit(first, body, idempotencyKey));
    String secondJob = ApiClient.acceptedId(submit(second, body, idempotencyKey));

    assertEquals(firstJob, firstAgain);
    assertNotEquals(firstJob, secondJob);
  }

  private static HttpResponse<String> submit(ApiClient client, String body, String idempotencyKey) {
    return client.send(HttpRequest.newBuilder(URI.create(client.base() + "/submit"))
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", idempotencyKey)
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** The operation, called the simplest way that reaches it: a path with a random job id, a small JSON body. */
  static HttpResponse<String> call(ApiClient client, Operation operation) {
    String path = operation.getOpenAPIPath().replace("{job_id}", UUID.randomUUID().toString());
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(client.base() + path));
    switch (operation.getHttpMethod().name()) {
      case "GET" -> request.GET();
      case "DELETE" -> request.DELETE();
      case "POST" -> request.header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("document_data", "x").encode()));
      default -> throw new AssertionError("the contract has a " + operation.getHttpMethod() + " operation");
    }
    return client.send(request);
  }
}
