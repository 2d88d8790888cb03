package io.docparser.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docparser.support.ApiClient;
import io.docparser.support.ServiceProcess;
import io.docparser.support.TestCluster;
import io.docparser.support.TikaReference;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Three JVMs started from the jar with -cluster form one service")
class ClusterIT {

  private static final int JOBS = 20;
  /** Big enough that one parse outlasts the next submission, so that one slot cannot take every job. */
  private static final int DOCUMENT_CHARS = 3 << 20;

  @TempDir
  static Path workDir;

  private TestCluster cluster;
  private ServiceProcess apiOnly;
  private ServiceProcess apiWorker;
  private ServiceProcess workerOnly;

  @BeforeAll
  void startCluster() {
    cluster = new TestCluster(workDir);
    apiOnly = cluster.start("api-only", "api", 1);
    apiWorker = cluster.start("api-worker", "api,worker", 1);
    workerOnly = cluster.start("worker-only", "worker", 1);
    cluster.awaitFormed();
  }

  @AfterAll
  void stopCluster() {
    cluster.close();
  }

  @Test
  @DisplayName("twenty jobs submitted to the api-only node all complete, parsed by both worker nodes")
  void jobsSpreadOverWorkers() throws Exception {
    List<String> jobIds = new ArrayList<>();
    List<String> documents = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      String document = document(i);
      documents.add(document);
      jobIds.add(apiOnly.api().submitTextForId(document));
    }

    Map<String, Integer> jobsByNode = new TreeMap<>();
    for (int i = 0; i < JOBS; i++) {
      JsonObject status = apiOnly.api().awaitTerminal(jobIds.get(i));
      assertEquals("completed", status.getString("status"), status.encode());
      jobsByNode.merge(status.getString("node"), 1, Integer::sum);
    }
    assertEquals(List.of("api-worker", "worker-only"), List.copyOf(jobsByNode.keySet()), jobsByNode.toString());

    String lastText = apiWorker.api().get("/result/" + jobIds.get(JOBS - 1)).body();
    assertEquals(TikaReference.normalise(TikaReference.text(documents.get(JOBS - 1).getBytes(StandardCharsets.UTF_8))),
        TikaReference.normalise(new JsonObject(lastText).getString("result")));
    assertEquals(List.of(), cluster.blockedEventLoops());
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
  @DisplayName("a worker-only node serves health but not the API")
  void workerOnlyNodeServesHealthOnly() {
    assertEquals(200, workerOnly.api().get("/health/ready").statusCode());
    HttpResponse<String> submit = workerOnly.api().submitText("nowhere to go");
    assertEquals(404, submit.statusCode());
    assertEquals("NOT_FOUND", ApiClient.json(submit).getString("error_code"));
  }

  private static String document(int index) {
    StringBuilder text = new StringBuilder(DOCUMENT_CHARS);
    String line = "Document " + index + " line of words to parse.\n";
    while (text.length() < DOCUMENT_CHARS) {
      text.append(line);
    }
    return text.toString();
  }
}
