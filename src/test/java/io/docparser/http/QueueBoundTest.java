package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The bound of the queue, on a node whose queue never drains (no parser anywhere)")
class QueueBoundTest {

  private static final int QUEUE_MAX = 3;
  private ApiClient api;

  /**
   * A node for each test, so that no test depends on what another left queued: emptying a shared queue would not
   * do, since a node may refuse for up to half a second after its queue drained (README, "The queue bound is
   * approximate").
   */
  @BeforeEach
  void startNode(Vertx vertx, VertxTestContext context) {
    TestNode.deploy(vertx, Map.of("DOCPARSER_ROLES", "api", "DOCPARSER_QUEUE_MAX", String.valueOf(QUEUE_MAX),
            "DOCPARSER_QUEUE_MAX_BYTES", "3000", "DOCPARSER_MAX_UPLOAD_BYTES", "2000"))
        .onComplete(context.succeeding(config -> {
          api = new ApiClient(config.httpPort());
          context.completeNow();
        }));
  }

  @Test
  @DisplayName("past the bound in bytes or in jobs, /submit answers 429 QUEUE_FULL with Retry-After")
  void fullQueueRefuses() {
    assertEquals(202, submit(1500).statusCode());
    assertQueueFull(submit(1501));
    assertEquals(202, submit(1000).statusCode());
    assertEquals(202, submit(10).statusCode());
    assertQueueFull(submit(10));
  }

  private HttpResponse<String> submit(int bytes) {
    return api.submitRaw("x".repeat(bytes).getBytes(), "?filename=filler.txt", Map.of());
  }

  private static void assertQueueFull(HttpResponse<String> response) {
    assertEquals(429, response.statusCode(), response.body());
    assertEquals("1", response.headers().firstValue("Retry-After").orElseThrow());
    JsonObject error = ApiClient.json(response);
    assertEquals("QUEUE_FULL", error.getString("error_code"));
    assertTrue(error.getString("error").contains("queue is full"), error.getString("error"));
  }

  @Test
  @DisplayName("a full queue does not make the node not-ready")
  void fullQueueKeepsNodeReady() {
    for (int i = 0; i < QUEUE_MAX; i++) {
      assertEquals(202, submit(10).statusCode());
    }
    assertQueueFull(submit(10));

    assertEquals(200, api.get("/health/ready").statusCode());
  }
}
