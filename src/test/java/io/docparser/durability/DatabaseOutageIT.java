package io.docparser.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.docparser.support.ApiClient;
import io.docparser.support.Prerequisites;
import io.docparser.support.ServiceProcess;
import io.docparser.support.TcpProxy;
import io.docparser.support.TestCluster;
import io.docparser.support.TestPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("While its database is unreachable a node refuses new jobs with 503 and loses none it accepted")
class DatabaseOutageIT {

  private static final int JOBS_BEFORE = 3;

  @TempDir
  Path workDir;
  private TestPostgres database;
  private TcpProxy proxy;
  private TestCluster cluster;

  @BeforeEach
  void createDatabase() {
    Prerequisites.require(TestPostgres.SERVER, TestPostgres.reachable());
    database = TestPostgres.create();
    proxy = new TcpProxy(TestPostgres.HOST, TestPostgres.PORT).start();
    cluster = new TestCluster(workDir);
  }

  @AfterEach
  void dropDatabase() {
    if (cluster != null) {
      cluster.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  @DisplayName("submits answer 503 STORE_UNAVAILABLE with Retry-After, known jobs still answer, and it recovers")
  void outageAndRecovery() {
    ServiceProcess node = cluster.start("outage", "api,worker", 1, Map.of(
        "DOCPARSER_DB_URL", database.url(TestPostgres.HOST, proxy.port()), "DOCPARSER_DB_USER", database.user()));
    cluster.awaitFormed();
    ApiClient api = node.api();
    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < JOBS_BEFORE; i++) {
      accepted.add(api.submitTextForId("accepted before the outage " + i));
    }
    accepted.forEach(id -> assertEquals("completed", api.awaitTerminal(id).getString("status")));

    proxy.stop();
    HttpResponse<String> refused = api.submitText("sent while the database is away");
    assertEquals(503, refused.statusCode(), refused.body());
    assertEquals("STORE_UNAVAILABLE", ApiClient.json(refused).getString("error_code"));
    assertNotNull(refused.headers().firstValue("Retry-After").orElse(null));
    accepted.forEach(id -> assertEquals(200, api.get("/status/" + id).statusCode()));

    proxy.start();
    String afterwards = api.submitTextForId("sent once the database is back");
    assertEquals("completed", api.awaitTerminal(afterwards).getString("status"));
    for (String id : accepted) {
      assertEquals(200, api.get("/result/" + id).statusCode(), id);
    }
  }
}
