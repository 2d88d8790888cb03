package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.jobs.Draining;
import io.docparser.support.ApiClient;
import io.docparser.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("A node that is draining (asked to stop)")
class DrainingNodeTest {

  private static final Draining DRAINING = new Draining();
  private static ApiClient api;

  @BeforeAll
  static void startNode(Vertx vertx, VertxTestContext context) {
    TestNode.deploy(vertx, Map.of("DOCPARSER_WORKERS", "1"), DRAINING).onComplete(context.succeeding(config -> {
      api = new ApiClient(config.httpPort());
      context.completeNow();
    }));
  }

  @Test
  @DisplayName("reports itself not ready, and takes no new job")
  void drainingNodeIsNotReadyAndTakesNoJob() throws Exception {
    assertEquals(200, api.get("/health/ready").statusCode());

    DRAINING.begin();

    HttpResponse<String> ready = api.get("/health/ready");
    assertEquals(503, ready.statusCode());
    assertTrue(ready.body().contains("\"id\":\"accepting-work\",\"status\":\"DOWN\""), ready.body());
    assertEquals(200, api.get("/health/live").statusCode());
    String jobId = api.submitTextForId("nobody takes me");
    Thread.sleep(3_000);
    assertEquals("queued", ApiClient.json(api.get("/status/" + jobId)).getString("status"));
  }
}
