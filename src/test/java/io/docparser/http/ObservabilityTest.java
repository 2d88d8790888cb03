package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.DeployedNode;
import io.docparser.support.PrometheusText;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("What a node tells operators: /metrics and /cluster")
class ObservabilityTest {

  private static final String CORRUPT_PDF = "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nthis is not a PDF";
  private static final int WORKERS = 2;

  @RegisterExtension
  static final DeployedNode observed =
      DeployedNode.with(Map.of("DOCPARSER_WORKERS", String.valueOf(WORKERS), "DOCPARSER_ISOLATION", "none"));

  @Test
  @DisplayName("after two completed jobs and one failed, the counters and histograms have moved by exactly that")
  void metricsCountJobs() {
    PrometheusText before = metrics();

    observed.api().awaitTerminal(observed.api().submitTextForId("first document"));
    observed.api().awaitTerminal(observed.api().submitTextForId("second document"));
    observed.api().awaitTerminal(observed.api().submitTextForId(CORRUPT_PDF));
    PrometheusText after = metrics();

    assertMoved(3, before, after, "docparser_jobs_submitted_total", "output_format=\"text\"");
    assertMoved(2, before, after, "docparser_jobs_finished_total", "status=\"completed\"", "error_code=\"none\"",
        "media_type=\"text/plain\"");
    assertMoved(1, before, after, "docparser_jobs_finished_total", "status=\"failed\"",
        "error_code=\"CORRUPT_DOCUMENT\"", "media_type=\"application/pdf\"");
    assertMoved(2, before, after, "docparser_job_duration_seconds_count", "status=\"completed\"");
    assertMoved(1, before, after, "docparser_job_duration_seconds_count", "status=\"failed\"");
    assertMoved(2, before, after, "docparser_parse_duration_seconds_count", "outcome=\"parsed\"");
    assertMoved(1, before, after, "docparser_parse_duration_seconds_count", "outcome=\"CORRUPT_DOCUMENT\"");
    assertTrue(after.has("docparser_parse_duration_seconds_bucket"), "parse durations are a histogram");
    assertEquals(WORKERS, after.sum("docparser_parser_slots", "state=\"busy\"")
        + after.sum("docparser_parser_slots", "state=\"free\""));
    assertTrue(after.has("docparser_queue_depth"));
  }

  @Test
  @DisplayName("/cluster lists this node with its roles and slots, and counts the cluster's jobs by status")
  void clusterShowsThisNode() {
    observed.api().awaitTerminal(observed.api().submitTextForId("counted"));

    HttpResponse<String> response = observed.api().get("/cluster");

    assertEquals(200, response.statusCode(), response.body());
    JsonObject cluster = ApiClient.json(response);
    assertEquals(1, cluster.getJsonArray("nodes").size(), cluster.encode());
    JsonObject node = cluster.getJsonArray("nodes").getJsonObject(0);
    assertEquals("test-node", node.getString("node_id"));
    assertEquals(List.of("api", "worker"), node.getJsonArray("roles").getList());
    assertEquals(WORKERS, node.getInteger("slots"));
    assertTrue(cluster.getJsonObject("jobs").getLong("completed") >= 1, cluster.encode());
    assertEquals(0, cluster.getLong("queue_depth") - cluster.getJsonObject("jobs").getLong("queued"));
  }

  private static PrometheusText metrics() {
    HttpResponse<String> response = observed.api().get("/metrics");
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    return new PrometheusText(response.body());
  }

  private static void assertMoved(double by, PrometheusText before, PrometheusText after, String name,
      String... labels) {
    assertEquals(by, after.sum(name, labels) - before.sum(name, labels), 1e-9, name + " " + String.join(",", labels));
  }
}
