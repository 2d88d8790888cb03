package io.docparser.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.DeployedNode;
import io.docparser.support.TestDocuments;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("A bounded queue in front of one slow parser slot")
class QueueDrainTest {

  @RegisterExtension
  static final DeployedNode node = DeployedNode.with(Map.of("DOCPARSER_WORKERS", "1", "DOCPARSER_QUEUE_MAX", "2"));

  @Test
  @DisplayName("a burst is partly refused with 429, every accepted job finishes, and the drained queue accepts again")
  void acceptedJobsFinish() {
    byte[] slow = TestDocuments.pdf(IntStream.range(0, 3_000).mapToObj(i -> "page " + i + " of a slow document")
        .toList());
    List<String> accepted = new ArrayList<>();
    int refused = 0;
    for (int i = 0; i < 8; i++) {
      HttpResponse<String> response = node.api().submitRaw(slow, "?filename=slow.pdf", Map.of());
      if (response.statusCode() == 429) {
        refused++;
      } else {
        accepted.add(ApiClient.acceptedId(response));
      }
    }

    assertTrue(refused > 0, "the queue never filled");
    for (String jobId : accepted) {
      assertEquals("completed", node.api().awaitTerminal(jobId).getString("status"));
    }
    assertEquals(202, node.api().submitRaw(slow, "?filename=slow.pdf", Map.of()).statusCode());
  }
}
