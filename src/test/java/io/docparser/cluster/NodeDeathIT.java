package io.docparser.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.HostileParser;
import io.docparser.support.RunningCluster;
import io.docparser.support.RunningCluster.Member;
import io.docparser.support.ServiceProcess;
import io.docparser.support.TestDocuments;
import io.docparser.support.TikaReference;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job in flight on the killed node is a document that the test parser holds until the test releases it: the
 * node is killed in the middle of that parse whatever the speed of the machine, and the test knows which job it was.
 */
@DisplayName("A worker node killed with kill -9 loses no job")
class NodeDeathIT {

  /** Documents queued and parsed around the kill, each checked against Tika's own text. */
  private static final int DOCUMENTS = 6;
  private static final int PAGES = 20;
  /** What the test parser answers for a held document. */
  private static final String HELD_TEXT = "slow document";
  private static final List<String> WORKERS = List.of("worker-a", "worker-b");
  private static final Map<String, String> HOSTILE = Map.of("DOCPARSER_PARSER_CLASSPATH", HostileParser.classPath());

  @RegisterExtension
  static final RunningCluster CLUSTER = RunningCluster.of(
      Member.named("api").roles("api").workers(1),
      Member.named(WORKERS.get(0)).roles("worker").workers(1).settings(HOSTILE),
      Member.named(WORKERS.get(1)).roles("worker").workers(1).settings(HOSTILE));

  @TempDir
  Path workDir;
  private Path releaseFile;

  @BeforeEach
  void nameReleaseFile() {
    releaseFile = workDir.resolve("held.release");
  }

  @AfterEach
  void releaseHeldParse() {
    HostileParser.release(releaseFile);
  }

  @Test
  @DisplayName("the job killed mid-parse is tried again on the other worker and completes, and every other job"
      + " completes once, with Tika's text")
  void killedWorkersJobIsRetriedElsewhere() throws Exception {
    ServiceProcess api = CLUSTER.node("api");
    Path pidFile = workDir.resolve("held.pid");
    String heldId = ApiClient.acceptedId(api.api().submitRaw(HostileParser.held(pidFile, releaseFile),
        "?filename=held.bin", Map.of()));
    HostileParser.awaitPid(pidFile);
    JsonObject inFlight = ApiClient.json(api.api().get("/status/" + heldId));
    assertEquals("processing", inFlight.getString("status"), inFlight.encode());
    assertEquals(1, inFlight.getInteger("attempts"), inFlight.encode());
    String doomed = inFlight.getString("node");
    List<byte[]> documents = documents();
    List<String> jobIds = new ArrayList<>();
    for (int i = 0; i < DOCUMENTS; i++) {
      jobIds.add(ApiClient.acceptedId(api.api().submitMultipart(documents.get(i), "doc-" + i + ".pdf", Map.of())));
    }
    CLUSTER.node(doomed).kill();
    HostileParser.release(releaseFile);

    JsonObject retried = api.api().awaitTerminal(heldId);
    assertEquals("completed", retried.getString("status"), retried.encode());
    assertEquals(2, retried.getInteger("attempts"), retried.encode());
    assertNotEquals(doomed, retried.getString("node"), retried.encode());
    assertEquals(HELD_TEXT, ApiClient.json(api.api().get("/result/" + heldId)).getString("result").strip());
    assertTrue(survivorsLogged("job " + heldId + " was queued again (attempt 1 of 3): the node that ran it is no"
        + " longer in the cluster", doomed), "no survivor logged taking back the killed node's job");
    for (int i = 0; i < DOCUMENTS; i++) {
      JsonObject status = api.api().awaitTerminal(jobIds.get(i));
      assertEquals("completed", status.getString("status"), status.encode());
      assertEquals(1, status.getInteger("attempts"), "parsed more than once: " + status.encode());
      String text = ApiClient.json(api.api().get("/result/" + jobIds.get(i))).getString("result");
      assertEquals(TikaReference.normalise(TikaReference.text(documents.get(i), "doc-" + i + ".pdf", null)),
          TikaReference.normalise(text));
    }
  }

  private boolean survivorsLogged(String line, String doomed) {
    return survivors(doomed).stream().anyMatch(node -> node.log().contains(line));
  }

  /** The api node and the worker that was not killed. */
  private List<ServiceProcess> survivors(String doomed) {
    String survivor = WORKERS.stream().filter(id -> !id.equals(doomed)).findFirst().orElseThrow();
    return List.of(CLUSTER.node("api"), CLUSTER.node(survivor));
  }

  private static List<byte[]> documents() {
    List<byte[]> documents = new ArrayList<>();
    for (int document = 0; document < DOCUMENTS; document++) {
      List<String> pages = new ArrayList<>(PAGES);
      for (int page = 0; page < PAGES; page++) {
        pages.add("Document " + document + ", page " + page + ": words for the parser to extract.");
      }
      documents.add(TestDocuments.pdf(pages));
    }
    return documents;
  }
}
