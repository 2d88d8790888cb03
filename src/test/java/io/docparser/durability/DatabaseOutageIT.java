package io.docparser.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.HostileParser;
import io.docparser.support.RunningCluster;
import io.docparser.support.RunningCluster.Member;
import io.docparser.support.TcpProxy;
import io.docparser.support.TestDocuments;
import io.docparser.support.TestPostgres;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("While its database is unreachable a node refuses new jobs with 503 and loses none it accepted")
class DatabaseOutageIT {

  private static final int JOBS_BEFORE = 3;
  /** Jobs queued behind the held one while the database is away. */
  private static final int JOBS_WAITING = 2;
  private static final int PAGES = 20;

  @RegisterExtension
  @Order(1)
  static final TestPostgres DATABASE = TestPostgres.forClass();

  /** Between the node and the database, so that the test can take the database away from the node alone. */
  @RegisterExtension
  @Order(2)
  static final TcpProxy PROXY = new TcpProxy(TestPostgres.HOST, TestPostgres.PORT);

  @RegisterExtension
  @Order(3)
  static final RunningCluster CLUSTER = RunningCluster.of(Member.named("outage").settings(Map.of(
      "DOCPARSER_DB_URL", DATABASE.url(TestPostgres.HOST, PROXY.port()), "DOCPARSER_DB_USER", DATABASE.user(),
      "DOCPARSER_PARSER_CLASSPATH", HostileParser.classPath(), "DOCPARSER_DRAIN_MS", "1000")));

  @TempDir
  Path workDir;

  @Test
  @DisplayName("submits answer 503 STORE_UNAVAILABLE with Retry-After, known jobs still answer, and it recovers")
  void outageAndRecovery() throws Exception {
    Path releaseFile = workDir.resolve("held.release");
    ApiClient api = CLUSTER.node("outage").api();
    List<String> finished = new ArrayList<>();
    for (int i = 0; i < JOBS_BEFORE; i++) {
      finished.add(api.submitTextForId("finished before the outage " + i));
    }
    finished.forEach(id -> assertEquals("completed", api.awaitTerminal(id).getString("status")));
    // The outage begins while the first of these is parsed (held by the test parser until the database is back)
    // and the others wait.
    Path pidFile = workDir.resolve("held.pid");
    List<String> inFlight = new ArrayList<>(List.of(ApiClient.acceptedId(
        api.submitRaw(HostileParser.held(pidFile, releaseFile), "?filename=held.bin", Map.of()))));
    HostileParser.awaitPid(pidFile);
    for (int i = 0; i < JOBS_WAITING; i++) {
      inFlight.add(ApiClient.acceptedId(api.submitMultipart(TestDocuments.pdf(pages(i)), "waiting-" + i + ".pdf",
          Map.of())));
    }

    PROXY.stop();
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> refused = api.submitText("sent while the database is away " + i);
      assertEquals(503, refused.statusCode(), refused.body());
      assertEquals("STORE_UNAVAILABLE", ApiClient.json(refused).getString("error_code"));
      assertNotNull(refused.headers().firstValue("Retry-After").orElse(null));
    }
    finished.forEach(id -> assertEquals(200, api.get("/result/" + id).statusCode(), id));
    inFlight.forEach(id -> assertEquals(200, api.get("/status/" + id).statusCode(), id));
    awaitMetric(api, "docparser_database_up 0.0");

    PROXY.start();
    String afterwards = submitHonouringRetryAfter(api, "sent once the database is back");
    assertTrue(api.get("/metrics").body().contains("docparser_database_up 1.0"), "the recovery is not on /metrics");
    // The only parser slot is still busy with the held parse: the new job is parsed once it ends.
    HostileParser.release(releaseFile);
    assertEquals("completed", api.awaitTerminal(afterwards).getString("status"));
    for (String id : inFlight) {
      JsonObject status = api.awaitTerminal(id);
      assertEquals("completed", status.getString("status"), "a job accepted before the outage: " + status.encode());
    }
  }

  /** The node's health check notices the outage within its connection timeout (2 s) of the first failed statement. */
  private static void awaitMetric(ApiClient api, String line) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!api.get("/metrics").body().contains(line)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("/metrics never showed " + line);
      }
      Thread.sleep(100);
    }
  }

  /** Submits as a well-behaved client does: after a 503, again once its Retry-After has passed, for up to 30 s. */
  private static String submitHonouringRetryAfter(ApiClient api, String text) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    HttpResponse<String> response = api.submitText(text);
    while (response.statusCode() == 503 && System.nanoTime() < deadline) {
      Thread.sleep(Duration.ofSeconds(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow()))
          .toMillis());
      response = api.submitText(text);
    }
    return ApiClient.acceptedId(response);
  }

  private static List<String> pages(int document) {
    List<String> pages = new ArrayList<>();
    for (int page = 0; page < PAGES; page++) {
      pages.add("Document " + document + ", page " + page + ", accepted before the database went away.");
    }
    return pages;
  }
}
