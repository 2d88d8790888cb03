package io.docparser.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.HostileParser;
import io.docparser.support.HostileParser.Hold;
import io.docparser.support.PrometheusText;
import io.docparser.support.RunningCluster;
import io.docparser.support.RunningCluster.Member;
import io.docparser.support.ServiceProcess;
import io.docparser.support.TikaReference;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Three JVMs started from the jar with -cluster form one service")
class ClusterIT {

  private static final int JOBS = 20;
  private static final Map<String, String> TEST_PARSER =
      Map.of("DOCPARSER_PARSER_CLASSPATH", HostileParser.classPath());

  @RegisterExtension
  static final RunningCluster CLUSTER = RunningCluster.of(
      Member.named("api-only").roles("api").workers(1),
      Member.named("api-worker").roles("api,worker").workers(1).settings(TEST_PARSER),
      Member.named("worker-only").roles("worker").workers(1).settings(TEST_PARSER));

  @TempDir
  static Path workDir;

  private final ServiceProcess apiOnly = CLUSTER.node("api-only");
  private final ServiceProcess apiWorker = CLUSTER.node("api-worker");
  private final ServiceProcess workerOnly = CLUSTER.node("worker-only");

  @Test
  @DisplayName("while one worker's only slot holds a document, twenty jobs submitted to the api-only node all go to"
      + " the other worker and complete; then the held one completes too")
  void jobsGoToTheFreeWorker() throws Exception {
    Hold hold = HostileParser.hold(Files.createDirectories(workDir.resolve("held")));
    String heldId = ApiClient.acceptedId(apiOnly.api().submitRaw(hold.document(), "?filename=held.bin", Map.of()));
    List<String> jobIds = new ArrayList<>();
    List<String> documents = new ArrayList<>();
    String holder;
    try {
      hold.awaitStarted();
      holder = ApiClient.json(apiOnly.api().get("/status/" + heldId)).getString("node");
      for (int i = 0; i < JOBS; i++) {
        documents.add("Document " + i + ": a line of words to parse.");
        jobIds.add(apiOnly.api().submitTextForId(documents.get(i)));
      }
      for (String jobId : jobIds) {
        JsonObject status = apiOnly.api().awaitTerminal(jobId);
        assertEquals("completed", status.getString("status"), status.encode());
        assertEquals(otherWorker(holder), status.getString("node"), "a job waited for the busy worker");
      }
    } finally {
      hold.release();
    }
    JsonObject held = apiOnly.api().awaitTerminal(heldId);
    assertEquals("completed", held.getString("status"), held.encode());
    assertEquals(holder, held.getString("node"));

    String lastText = apiWorker.api().get("/result/" + jobIds.get(JOBS - 1)).body();
    assertEquals(TikaReference.normalise(TikaReference.text(documents.get(JOBS - 1).getBytes(StandardCharsets.UTF_8))),
        TikaReference.normalise(new JsonObject(lastText).getString("result")));
  }

  @Test
  @DisplayName("every job's status is readable from the other api node")
  void statusIsSharedAcrossApiNodes() {
    List<String> jobIds = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      jobIds.add(apiOnly.api().submitTextForId("short document " + i));
    }
    for (String jobId : jobIds) {
      JsonObject viaOther = apiWorker.api().awaitTerminal(jobId);
      assertEquals(jobId, viaOther.getString("job_id"));
      assertEquals("completed", viaOther.getString("status"));
      assertEquals(viaOther.getString("node"), ApiClient.json(apiOnly.api().get("/status/" + jobId)).getString("node"));
      assertEquals(200, apiWorker.api().get("/result/" + jobId).statusCode());
    }
  }

  @Test
  @DisplayName("a worker-only node serves health, metrics and the cluster's state, but not the API")
  void workerOnlyNodeServesOperatorsOnly() {
    assertEquals(200, workerOnly.api().get("/health/ready").statusCode());
    assertEquals(200, workerOnly.api().get("/metrics").statusCode());
    HttpResponse<String> submit = workerOnly.api().submitText("nowhere to go");
    assertEquals(404, submit.statusCode());
    assertEquals("NOT_FOUND", ApiClient.json(submit).getString("error_code"));
  }

  @Test
  @DisplayName("GET /cluster on any node lists all three nodes with their roles and slots")
  void clusterListsEveryNode() {
    JsonObject cluster = ApiClient.json(workerOnly.api().get("/cluster"));

    Map<String, JsonObject> nodes = new TreeMap<>();
    cluster.getJsonArray("nodes").forEach(node -> nodes.put(((JsonObject) node).getString("node_id"),
        (JsonObject) node));
    assertEquals(List.of("api-only", "api-worker", "worker-only"), List.copyOf(nodes.keySet()), cluster.encode());
    assertEquals(List.of("api"), nodes.get("api-only").getJsonArray("roles").getList());
    assertEquals(0, nodes.get("api-only").getInteger("slots"));
    assertEquals(List.of("worker"), nodes.get("worker-only").getJsonArray("roles").getList());
    assertEquals(1, nodes.get("worker-only").getInteger("slots"));
  }

  @Test
  @DisplayName("a job's JSON log lines carry its job_id and the submitting request's id on the api node and on"
      + " the worker that parsed it, and never its content")
  void logsFollowOneJobAcrossNodes() {
    String requestId = "trace-" + UUID.randomUUID();
    String content = "confidential words " + UUID.randomUUID();
    String jobId = ApiClient.acceptedId(apiOnly.api().withHeader("X-Request-Id", requestId).submitText(content));
    JsonObject status = apiOnly.api().awaitTerminal(jobId);
    ServiceProcess parsedBy = status.getString("node").equals("api-worker") ? apiWorker : workerOnly;

    List<JsonObject> accepted = linesAbout(apiOnly, jobId);
    assertTrue(accepted.stream().anyMatch(line -> line.getString("message").contains("accepted")), accepted.toString());
    List<JsonObject> parsed = linesAbout(parsedBy, jobId);
    assertTrue(parsed.stream().anyMatch(line -> line.getString("message").contains("claimed")), parsed.toString());
    assertTrue(parsed.stream().anyMatch(line -> line.getString("message").contains("completed")), parsed.toString());
    for (JsonObject line : concat(accepted, parsed)) {
      assertEquals(requestId, line.getString("request_id"), line.encode());
      assertTrue(line.containsKey("time") && line.containsKey("level") && line.containsKey("node_id"), line.encode());
    }
    for (ServiceProcess node : List.of(apiOnly, apiWorker, workerOnly)) {
      assertFalse(node.log().contains(content), "a node logged the document's content");
    }
  }

  @Test
  @DisplayName("/metrics holds the service's counters beside Vert.x's HTTP meters and the JVM's memory")
  void metricsHoldServiceVertxAndJvmMeters() {
    apiOnly.api().awaitTerminal(apiOnly.api().submitTextForId("counted once"));

    PrometheusText api = new PrometheusText(apiOnly.api().get("/metrics").body());
    assertTrue(api.sum("docparser_jobs_submitted_total") >= 1);
    assertTrue(api.has("vertx_http_server_requests_total"), "Vert.x HTTP server meters");
    assertTrue(api.has("jvm_memory_used_bytes"), "JVM memory meters");
    double finishedOnWorkers = new PrometheusText(apiWorker.api().get("/metrics").body())
        .sum("docparser_jobs_finished_total", "status=\"completed\"")
        + new PrometheusText(workerOnly.api().get("/metrics").body())
        .sum("docparser_jobs_finished_total", "status=\"completed\"");
    assertTrue(finishedOnWorkers >= 1, "the workers counted the jobs they finished");
  }

  private static String otherWorker(String worker) {
    return worker.equals("api-worker") ? "worker-only" : "api-worker";
  }

  /** The node's JSON log lines whose job_id is {@code jobId}. */
  private static List<JsonObject> linesAbout(ServiceProcess node, String jobId) {
    return node.log().lines()
        .filter(line -> line.startsWith("{"))
        .map(JsonObject::new)
        .filter(line -> jobId.equals(line.getString("job_id")))
        .toList();
  }

  private static List<JsonObject> concat(List<JsonObject> first, List<JsonObject> second) {
    List<JsonObject> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }
}
