package io.docparser.durability;

import io.docparser.support.ServiceProcess;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A standalone node killed with kill -9 keeps its jobs and results in its embedded database")
class StandaloneRestartIT {

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
}
