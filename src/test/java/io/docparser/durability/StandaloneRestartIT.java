package io.docparser.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.ServiceProcess;
import io.docparser.support.TestDocuments;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A standalone node killed with kill -9 keeps its jobs and results in its embedded database")
class StandaloneRestartIT {

  private static final String PASSWORD = "kept-only-in-memory";
  /** Pages enough that the only slot is still busy when the encrypted job is submitted behind it. */
  private static final int BUSY_PAGES = 6_000;

  @TempDir
  Path workDir;

  @Test
  @DisplayName("after a restart from the same working directory every accepted job completes and old results remain")
  void survivesKill() throws Exception {
    RestartScenario scenario = new RestartScenario();
    ServiceProcess node = ServiceProcess.start("standalone-durable", Map.of("DOCPARSER_WORKERS", "1"), workDir)
        .awaitReady();
    try {
      scenario.submitAndAwaitWorkInFlight(node.api());
      node.kill();
    } finally {
      node.close();
    }
    try (ServiceProcess again = node.restart().awaitReady()) {
      scenario.assertNothingLost(again.api());
    }
  }

  @Test
  @DisplayName("a queued encrypted job fails after a full restart with ENCRYPTED_DOCUMENT: its password was not kept")
  void passwordIsNotKept() {
    ServiceProcess node = ServiceProcess.start("standalone-password", Map.of("DOCPARSER_WORKERS", "1"), workDir)
        .awaitReady();
    String encryptedId;
    try {
      ApiClient api = node.api();
      String busy = ApiClient.acceptedId(api.submitMultipart(TestDocuments.pdf(pages()), "busy.pdf", Map.of()));
      api.awaitStatus(busy, "processing");
      encryptedId = ApiClient.acceptedId(api.submitMultipart(
          TestDocuments.encryptedPdf(List.of("secret text"), PASSWORD), "locked.pdf", Map.of("password", PASSWORD)));
      assertEquals("queued", ApiClient.json(api.get("/status/" + encryptedId)).getString("status"));
      node.kill();
    } finally {
      node.close();
    }
    try (ServiceProcess again = node.restart().awaitReady()) {
      JsonObject status = again.api().awaitTerminal(encryptedId);
      assertEquals("failed", status.getString("status"), status.encode());
      assertEquals("ENCRYPTED_DOCUMENT", status.getString("error_code"));
      assertTrue(status.getString("error").contains("not kept"), status.encode());
    }
  }

  private static List<String> pages() {
    List<String> pages = new ArrayList<>();
    for (int page = 0; page < BUSY_PAGES; page++) {
      pages.add("Page " + page + " keeps the only parser slot busy.");
    }
    return pages;
  }
}
