package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.jobs.Draining;
import io.docparser.support.ApiClient;
import io.docparser.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
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
  /**
   * A free slot hears of a new job at once, and looks for queued jobs every 2 s besides: a job that no slot took
   * within twice that was refused. A long poll of that length would be answered the moment the job ended.
   */
  private static final int UNTAKEN_SECONDS = 4;
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
  void drainingNodeIsNotReadyAndTakesNoJob() {
    assertEquals(200, api.get("/health/ready").statusCode());

    DRAINING.begin();

    HttpResponse<String> ready = api.get("/health/ready");
    assertEquals(503, ready.statusCode());
    assertTrue(ready.body().contains("\"id\":\"accepting-work\",\"status\":\"DOWN\""), ready.body());
    assertEquals(200, api.get("/health/live").statusCode());
    String jobId = api.submitTextForId("nobody takes me");

    JsonObject status = ApiClient.json(api.get("/status/" + jobId + "?wait=" + UNTAKEN_SECONDS));
    assertEquals("queued", status.getString("status"), status.encode());
  }
}
