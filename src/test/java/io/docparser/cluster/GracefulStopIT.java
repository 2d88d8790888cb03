package io.docparser.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.ServiceProcess;
import io.docparser.support.TestCluster;
import io.docparser.support.TestDocuments;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A worker node stopped with SIGTERM")
class GracefulStopIT {

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
  @DisplayName("finishes the parse it is running, takes no new job, leaves the cluster and exits")
  void stoppingWorkerFinishesItsJob() throws Exception {
    ServiceProcess api = cluster.start("api", "api", 1);
    ServiceProcess worker = cluster.start("worker", "worker", 1);
    cluster.awaitFormed();
    byte[] slow = TestDocuments.pdf(IntStream.range(0, 12_000).mapToObj(i -> "page " + i + " to parse").toList());

    String running = ApiClient.acceptedId(api.api().submitRaw(slow, "?filename=slow.pdf", Map.of()));
    api.api().awaitStatus(running, "processing");
    String waiting = ApiClient.acceptedId(api.api().submitRaw(slow, "?filename=slow.pdf", Map.of()));
    long stopped = System.nanoTime();
    worker.terminate();
    long stopMs = (System.nanoTime() - stopped) / 1_000_000;

    JsonObject finished = api.api().awaitTerminal(running);
    assertEquals("completed", finished.getString("status"), finished.encode());
    assertEquals("worker", finished.getString("node"));
    assertEquals(1, finished.getInteger("attempts"));
    JsonObject left = ApiClient.json(api.api().get("/status/" + waiting));
    assertEquals("queued", left.getString("status"), "the stopping node took a new job: " + left.encode());
    assertTrue(stopMs < 60_000, "stopping took " + stopMs + " ms");
    assertEquals(List.of(), cluster.blockedEventLoops());
  }
}
