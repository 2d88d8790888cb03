package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.NodeProject;
import io.docparser.support.Prerequisites;
import io.docparser.support.RunningCluster;
import io.docparser.support.RunningCluster.Member;
import io.docparser.support.ServiceProcess;
import io.docparser.support.TestDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The dashboard, used in Debian's chromium against a two-node cluster with API keys")
class DashboardIT {

  private static final String KEY = "dashboard-key-" + UUID.randomUUID();
  private static final String OPERATOR_KEY = "dashboard-operator-" + UUID.randomUUID();
  private static final String API_NODE = "dashboard-api";
  private static final String WORKER_NODE = "dashboard-worker";
  private static final String TEXT = "Quarterly report for the dashboard. Revenue grew by 12 percent.";
  /** The script's own steps wait a minute at most each; this bounds a browser that hangs altogether. */
  private static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(6);
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @RegisterExtension
  static final RunningCluster CLUSTER = RunningCluster.of(
          Member.named(API_NODE).roles("api,worker").workers(1),
          Member.named(WORKER_NODE).roles("worker").workers(1))
      .withSettings(Map.of("DOCPARSER_API_KEYS", KEY, "DOCPARSER_OPERATOR_KEYS", OPERATOR_KEY));

  @TempDir
  Path workDir;

  @Test
  @DisplayName("asks for both keys, lists both nodes, follows uploaded documents to their end and shows a result")
  void dashboardWorksInABrowser() throws Exception {
    Optional<Path> chromium = Prerequisites.find("chromium");
    Prerequisites.require("chromium and Node.js, for the browser test",
        chromium.isPresent() && Prerequisites.onPath("node") && Prerequisites.onPath("npm"));
    NodeProject browser = NodeProject.install("src/test/browser", "browser-test");
    Path document = Files.write(workDir.resolve("quarterly-report.pdf"), TestDocuments.pdf(List.of(TEXT)));
    Path broken = Files.writeString(workDir.resolve("broken.pdf"), "%PDF-1.7\nthis is not a PDF");
    Path screenshot = Path.of("target", "dashboard.png").toAbsolutePath();
    Files.deleteIfExists(screenshot);
    ServiceProcess api = CLUSTER.node(API_NODE);
    assertEquals(404, CLUSTER.node(WORKER_NODE).api().withHeader(ApiKeyAuth.API_KEY_HEADER, KEY).get("/dashboard")
        .statusCode(), "a worker-only node serves no dashboard");

    NodeProject.Outcome run = browser.run("dashboard.mjs", Map.of("CHROMIUM", chromium.get().toString()),
        BROWSER_TIMEOUT, api.api().base(), KEY, OPERATOR_KEY, document.toString(), broken.toString(),
        screenshot.toString(),
        API_NODE, WORKER_NODE);

    assertEquals(0, run.exitCode(), run.output());
    for (String seen : List.of("asked for the tenant key", "asked again after a wrong tenant key",
        "asked for the operator key", "asked again after a wrong operator key",
        "node listed: " + API_NODE, "node listed: " + WORKER_NODE, "upload quarterly-report.pdf: job ",
        "as completed", "CORRUPT_DOCUMENT", "result: " + TEXT, "after a reload the key was still known")) {
      assertTrue(run.output().contains(seen), "the browser script never printed '" + seen + "':\n" + run.output());
    }
    assertTrue(Files.size(screenshot) > 10_000, "the screenshot is too small to show the page");
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(Files.readAllBytes(screenshot), PNG_SIGNATURE.length));
  }
}
