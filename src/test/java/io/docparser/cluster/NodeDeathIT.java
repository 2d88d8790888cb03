package io.docparser.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.ServiceProcess;
import io.docparser.support.TestCluster;
import io.docparser.support.TestDocuments;
import io.docparser.support.TikaReference;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A worker node killed with kill -9 loses no job")
class NodeDeathIT {

  private static final int JOBS = 10;
  /** Pages enough that each parse lasts a second or more, so that the killed node dies mid-parse. */
  private static final int PAGES = 12_000;

  @TempDir
  Path workDir;
  private TestCluster cluster;

  @BeforeEach
  void createCluster() {
    cluster = new TestCluster(workDir);
  }

  @AfterEach
  void stopNodes() {
    cluster.close();
  }

  @Test
  @DisplayName("every job completes once, with Tika's text, and the killed node's jobs are tried again elsewhere")
  void killedWorkersJobsComplete() throws Exception {
    ServiceProcess api = cluster.start("api", "api", 1);
    ServiceProcess doomed = cluster.start("worker-doomed", "worker", 1);
    ServiceProcess survivor = cluster.start("worker-survivor", "worker", 1);
    cluster.awaitFormed();

    List<byte[]> documents = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      documents.add(TestDocuments.pdf(pages(i)));
    }
    // all made first, then all submitted: made one by one between submissions, the early ones could be parsed
    // before the last is sent, and no parse would be left in flight to kill
    List<String> jobIds = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      jobIds.add(ApiClient.acceptedId(api.api().submitMultipart(documents.get(i), "long-" + i + ".pdf", Map.of())));
    }
    awaitProcessingOn(api.api(), "worker-doomed");
    doomed.kill();

    int retried = 0;
    for (int i = 0; i < JOBS; i++) {
      JsonObject status = api.api().awaitTerminal(jobIds.get(i));
      assertEquals("completed", status.getString("status"), status.encode());
      if ("worker-doomed".equals(status.getString("node"))) {
        assertEquals(1, status.getInteger("attempts"), "the killed node finished a retry: " + status.encode());
      }
      retried += status.getInteger("attempts") >= 2 ? 1 : 0;
      String text = ApiClient.json(api.api().get("/result/" + jobIds.get(i))).getString("result");
      assertEquals(TikaReference.normalise(TikaReference.text(documents.get(i), "long-" + i + ".pdf", null)),
          TikaReference.normalise(text));
    }
    assertTrue(retried >= 1, "no job was tried a second time");
    assertTrue(api.blockedEventLoops().isEmpty() && survivor.blockedEventLoops().isEmpty());
  }

  /** Waits until the doomed node is in the middle of a parse, so that killing it loses work in flight. */
  private static void awaitProcessingOn(ApiClient api, String nodeId) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      JsonArray processing = ApiClient.json(api.get("/jobs?status=processing&limit=100")).getJsonArray("jobs");
      if (processing.stream().anyMatch(job -> nodeId.equals(((JsonObject) job).getString("node")))) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(nodeId + " never took a job");
  }

  private static List<String> pages(int document) {
    List<String> pages = new ArrayList<>(PAGES);
    for (int page = 0; page < PAGES; page++) {
      pages.add("Document " + document + ", page " + page + ": words for the parser to extract.");
    }
    return pages;
  }
}
