package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.core.Hazelcast;
import io.docparser.support.ApiClient;
import io.docparser.support.DeployedNode;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("A node that has lost its job store")
class StoreLossTest {

  @RegisterExtension
  static final DeployedNode node = DeployedNode.with(Map.of("DOCPARSER_ROLES", "api"));

  @BeforeAll
  static void loseTheStore() {
    Hazelcast.getAllHazelcastInstances().forEach(member -> member.getLifecycleService().terminate());
  }

  @Test
  @DisplayName("answers 503 STORE_UNAVAILABLE with Retry-After, not 500, for reads and submissions")
  void storeLossIsServiceUnavailable() {
    assertUnavailable(node.api().get("/status/" + UUID.randomUUID()));
    assertUnavailable(node.api().submitText("nowhere to keep this"));
  }

  @Test
  @DisplayName("answers a malformed job id 404 NOT_FOUND without asking the store it has lost")
  void malformedIdIsNotFoundWithoutTheStore() {
    for (String path : new String[] {"/status/not-a-uuid", "/result/..%2F..%2Fetc", "/status/" + "a".repeat(500)}) {
      HttpResponse<String> response = node.api().get(path);
      assertEquals(404, response.statusCode(), response.body());
      assertEquals("NOT_FOUND", ApiClient.json(response).getString("error_code"));
    }
    assertEquals(404, node.api().delete("/jobs/" + UUID.randomUUID().toString().toUpperCase()).statusCode());
  }

  @Test
  @DisplayName("reports itself not ready, while it stays alive")
  void storeLossMakesNodeNotReady() {
    assertEquals(503, node.api().get("/health/ready").statusCode());
    assertEquals(200, node.api().get("/health/live").statusCode());
  }

  private static void assertUnavailable(HttpResponse<String> response) {
    assertEquals(503, response.statusCode(), response.body());
    assertEquals("1", response.headers().firstValue("Retry-After").orElseThrow());
    JsonObject error = ApiClient.json(response);
    assertEquals("STORE_UNAVAILABLE", error.getString("error_code"), error.encode());
  }
}
