package io.docparser.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docparser.support.ApiClient;
import io.docparser.support.TestDocuments;
import io.docparser.support.TikaReference;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the full-restart tests share: one job finished before the crash, more accepted and in flight when every
 * node is killed, and after the restart each of them completed with Tika's text.
 */
final class RestartScenario {

  private static final int LONG_JOBS = 4;
  /** Pages enough that a parse lasts a second or more, so that the kill finds work in flight. */
  private static final int PAGES = 6_000;
  private static final String FINISHED_TEXT = "finished before the crash";
  private static final String IDEMPOTENCY_KEY = "order-4711";

  private final List<byte[]> documents = new ArrayList<>();
  private final List<String> jobIds = new ArrayList<>();
  private String finishedId;

  RestartScenario() {
    for (int i = 0; i < LONG_JOBS; i++) {
      documents.add(TestDocuments.pdf(pages(i)));
    }
  }

  /** Finishes one job, then submits the long ones and returns once one of them is being parsed. */
  void submitAndAwaitWorkInFlight(ApiClient api) {
    finishedId = ApiClient.acceptedId(submitFinishedText(api));
    assertEquals("completed", api.awaitTerminal(finishedId).getString("status"));
    for (int i = 0; i < LONG_JOBS; i++) {
      jobIds.add(ApiClient.acceptedId(api.submitMultipart(documents.get(i), "long-" + i + ".pdf", Map.of())));
    }
    api.awaitStatus(jobIds.get(0), "processing");
  }

  /**
   * Every job accepted before the crash completes, the result finished before it is still served, and a client that
   * repeats its submission with the same idempotency key still gets the job it got before.
   */
  void assertNothingLost(ApiClient api) throws Exception {
    assertEquals(finishedId, ApiClient.acceptedId(submitFinishedText(api)), "the idempotency key was forgotten");
    JsonObject finished = ApiClient.json(api.get("/result/" + finishedId));
    assertEquals(FINISHED_TEXT, finished.getString("result").strip(), finished.encode());
    for (int i = 0; i < LONG_JOBS; i++) {
      JsonObject status = api.awaitTerminal(jobIds.get(i));
      assertEquals("completed", status.getString("status"), status.encode());
      String text = ApiClient.json(api.get("/result/" + jobIds.get(i))).getString("result");
      assertEquals(TikaReference.normalise(TikaReference.text(documents.get(i), "long-" + i + ".pdf", null)),
          TikaReference.normalise(text));
    }
  }

  private static HttpResponse<String> submitFinishedText(ApiClient api) {
    return api.submitRaw(FINISHED_TEXT.getBytes(StandardCharsets.UTF_8), "?filename=finished.txt",
        Map.of("Idempotency-Key", IDEMPOTENCY_KEY));
  }

  private static List<String> pages(int document) {
    List<String> pages = new ArrayList<>(PAGES);
    for (int page = 0; page < PAGES; page++) {
      pages.add("Document " + document + ", page " + page + ": words that outlive a crash.");
    }
    return pages;
  }
}
