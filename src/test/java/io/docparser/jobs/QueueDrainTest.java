package io.docparser.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.TestDocuments;
import io.docparser.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("A bounded queue in front of one slow parser slot")
class QueueDrainTest {

  private static ApiClient api;

  @BeforeAll
  static void startNode(Vertx vertx, VertxTestContext context) {
    TestNode.deploy(vertx, Map.of("DOCPARSER_WORKERS", "1", "DOCPARSER_QUEUE_MAX", "2"))
        .onComplete(context.succeeding(config -> {
          api = new ApiClient(config.httpPort());
          context.completeNow();
        }));
  }

  @Test
  @DisplayName("a burst is partly refused with 429, every accepted job finishes, and the drained queue accepts again")
  void acceptedJobsFinish() {
    byte[] slow = TestDocuments.pdf(IntStream.range(0, 3_000).mapToObj(i -> "page " + i + " of a slow document")
        .toList());
    List<String> accepted = new ArrayList<>();
    int refused = 0;
    for (int i = 0; i < 8; i++) {
      HttpResponse<String> response = api.submitRaw(slow, "?filename=slow.pdf", Map.of());
      if (response.statusCode() == 429) {
        refused++;
      } else {
        accepted.add(ApiClient.acceptedId(response));
      }
    }

    assertTrue(refused > 0, "the queue never filled");
    for (String jobId : accepted) {
      assertEquals("completed", api.awaitTerminal(jobId).getString("status"));
    }
    assertEquals(202, api.submitRaw(slow, "?filename=slow.pdf", Map.of()).statusCode());
  }
}
