package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.DeployedNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An api-only node, so that submitted jobs stay queued and keep their documents. */
@DisplayName("The quotas of each API key on what it keeps in the store")
class KeyQuotaTest {

  private static final int MAX_JOBS = 2;
  private static final int MAX_STORED_BYTES = 100;
  private static final String SIXTY_BYTES = "x".repeat(60);
  private static final List<String> KEYS = List.of("jobs-quota-key-0123456789", "bytes-quota-key-0123456789");

  @RegisterExtension
  static final DeployedNode node = DeployedNode.with(Map.of("DOCPARSER_ROLES", "api",
      "DOCPARSER_API_KEYS", String.join(",", KEYS),
      "DOCPARSER_KEY_MAX_JOBS", String.valueOf(MAX_JOBS),
      "DOCPARSER_KEY_MAX_STORED_BYTES", String.valueOf(MAX_STORED_BYTES),
      "DOCPARSER_MAX_UPLOAD_BYTES", String.valueOf(MAX_STORED_BYTES)));

  @Test
  @DisplayName("a key that keeps as many jobs as it may gets 429 QUOTA_EXCEEDED, until DELETE removes one of them")
  void keptJobsAreLimitedPerKey() {
    ApiClient keeper = node.api().withHeader("X-API-Key", KEYS.get(0));
    String first = keeper.submitTextForId("one");
    keeper.submitTextForId("two");

    assertQuotaExceeded(keeper.submitText("three"), "keeps " + MAX_JOBS + " jobs");
    assertEquals(200, keeper.delete("/jobs/" + first).statusCode(), "the first DELETE cancels the queued job");
    assertQuotaExceeded(keeper.submitText("three"), "keeps " + MAX_JOBS + " jobs");
    assertEquals(200, keeper.delete("/jobs/" + first).statusCode(), "the second DELETE removes the cancelled job");
    assertEquals(202, keeper.submitText("three").statusCode());
  }

  @Test
  @DisplayName("a key whose documents would pass its stored bytes gets 429 QUOTA_EXCEEDED, until DELETE frees room")
  void storedBytesAreLimitedPerKey() {
    ApiClient storer = node.api().withHeader("Authorization", "Bearer " + KEYS.get(1));
    String first = storer.submitTextForId(SIXTY_BYTES);

    assertQuotaExceeded(storer.submitText(SIXTY_BYTES), "past the " + MAX_STORED_BYTES + " bytes");
    assertEquals(200, storer.delete("/jobs/" + first).statusCode(), "cancelling the job frees its document");
    assertEquals(202, storer.submitText(SIXTY_BYTES).statusCode());
  }

  /** @param quota words of the message that name the quota */
  private static void assertQuotaExceeded(HttpResponse<String> response, String quota) {
    assertEquals(429, response.statusCode(), response.body());
    assertEquals("QUOTA_EXCEEDED", ApiClient.json(response).getString("error_code"));
    assertTrue(response.headers().firstValue("Retry-After").isPresent(), "no Retry-After");
    String message = ApiClient.json(response).getString("error");
    assertTrue(message.contains(quota) && message.contains("DELETE /jobs/"), message);
  }
}
