package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.core.Hazelcast;
import io.docparser.support.ApiClient;
import io.docparser.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("A node that has lost its job store")
class StoreLossTest {

  private static ApiClient api;

  @BeforeAll
  static void startNodeThenLoseItsStore(Vertx vertx, VertxTestContext context) {
    TestNode.deploy(vertx, Map.of("DOCPARSER_ROLES", "api")).onComplete(context.succeeding(config -> {
      api = new ApiClient(config.httpPort());
      Hazelcast.getAllHazelcastInstances().forEach(member -> member.getLifecycleService().terminate());
      context.completeNow();
    }));
  }

  @Test
  @DisplayName("answers 503 STORE_UNAVAILABLE with Retry-After, not 500, for reads and submissions")
  void storeLossIsServiceUnavailable() {
    assertUnavailable(api.get("/status/" + UUID.randomUUID()));
    assertUnavailable(api.submitText("nowhere to keep this"));
  }

  @Test
  @DisplayName("answers a malformed job id 404 NOT_FOUND without asking the store it has lost")
  void malformedIdIsNotFoundWithoutTheStore() {
    for (String path : new String[] {"/status/not-a-uuid", "/result/..%2F..%2Fetc", "/status/" + "a".repeat(500)}) {
      HttpResponse<String> response = api.get(path);
      assertEquals(404, response.statusCode(), response.body());
      assertEquals("NOT_FOUND", ApiClient.json(response).getString("error_code"));
    }
    assertEquals(404, api.delete("/jobs/" + UUID.randomUUID().toString().toUpperCase()).statusCode());
  }

  @Test
  @DisplayName("reports itself not ready, while it stays alive")
  void storeLossMakesNodeNotReady() {
    assertEquals(503, api.get("/health/ready").statusCode());
    assertEquals(200, api.get("/health/live").statusCode());
  }

  private static void assertUnavailable(HttpResponse<String> response) {
    assertEquals(503, response.statusCode(), response.body());
    assertEquals("1", response.headers().firstValue("Retry-After").orElseThrow());
    JsonObject error = ApiClient.json(response);
    assertEquals("STORE_UNAVAILABLE", error.getString("error_code"), error.encode());
  }
}
