package io.docparser.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.ServiceProcess;
import io.docparser.support.TestDocuments;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One node, one crash: the node is loaded with everything the tests look at afterwards (a finished job, parses in
 * flight, queued jobs, a queued encrypted job), killed, and started again from the same working directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("A standalone node killed with kill -9 keeps its jobs and results in its embedded database")
class StandaloneRestartIT {

  private static final String PASSWORD = "kept-only-in-memory";

  @TempDir
  static Path workDir;
  private RestartScenario scenario;
  private String encryptedId;
  private ServiceProcess again;

  @BeforeAll
  void crashAndRestart() throws Exception {
    scenario = new RestartScenario(workDir);
    Map<String, String> settings = new HashMap<>(RestartScenario.nodeSettings());
    settings.put("DOCPARSER_WORKERS", "1");
    ServiceProcess node = ServiceProcess.start("standalone-durable", settings, workDir).awaitReady();
    try {
      scenario.submitAndAwaitWorkInFlight(node.api(), 1);
      encryptedId = ApiClient.acceptedId(node.api().submitMultipart(
          TestDocuments.encryptedPdf(List.of("secret text"), PASSWORD), "locked.pdf", Map.of("password", PASSWORD)));
      assertEquals("queued", ApiClient.json(node.api().get("/status/" + encryptedId)).getString("status"));
      node.kill();
    } finally {
      node.close();
    }
    scenario.releaseHeldParses();
    again = node.restart().awaitReady();
  }

  @AfterAll
  void stopNode() {
    if (again != null) {
      again.close();
    }
  }

  @Test
  @DisplayName("after a restart from the same working directory every accepted job completes and old results remain")
  void survivesKill() throws Exception {
    scenario.assertNothingLost(again.api());
  }

  @Test
  @DisplayName("the job it was parsing when it was killed is queued again as it starts, without waiting for its lease")
  void jobInFlightIsRequeuedAtOnce() {
    scenario.assertInFlightJobsRequeuedAtOnce(again.api(), List.of(again));
  }

  @Test
  @DisplayName("a queued encrypted job fails after a full restart with ENCRYPTED_DOCUMENT: its password was not kept")
  void passwordIsNotKept() {
    JsonObject status = again.api().awaitTerminal(encryptedId);
    assertEquals("failed", status.getString("status"), status.encode());
    assertEquals("ENCRYPTED_DOCUMENT", status.getString("error_code"));
    assertTrue(status.getString("error").contains("not kept"), status.encode());
  }
}
