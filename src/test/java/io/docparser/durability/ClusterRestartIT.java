package io.docparser.durability;

import io.docparser.support.Prerequisites;
import io.docparser.support.TestCluster;
import io.docparser.support.TestPostgres;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** One crash of the whole cluster, looked at by each test after both nodes have started again. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("A two-node cluster on PostgreSQL, both nodes killed with kill -9, loses no job and no result")
class ClusterRestartIT {

  @TempDir
  static Path workDir;
  private TestPostgres database;
  private TestCluster cluster;
  private RestartScenario scenario;

  @BeforeAll
  void crashAndRestart() throws Exception {
    Prerequisites.require(TestPostgres.SERVER, TestPostgres.reachable());
    database = TestPostgres.create();
    cluster = new TestCluster(workDir);
    Map<String, String> settings = new HashMap<>(RestartScenario.nodeSettings());
    settings.putAll(Map.of("DOCPARSER_DB_URL", database.url(), "DOCPARSER_DB_USER", database.user()));
    cluster.start("node-a", "api,worker", 1, settings);
    cluster.start("node-b", "api,worker", 1, settings);
    cluster.awaitFormed();
    scenario = new RestartScenario(workDir);
    scenario.submitAndAwaitWorkInFlight(cluster.node(0).api(), 2);
    cluster.node(0).kill();
    cluster.node(1).kill();
    scenario.releaseHeldParses();

    cluster.startAgain(0);
    cluster.startAgain(1);
    cluster.awaitFormed();
  }

  @AfterAll
  void dropDatabase() {
    if (cluster != null) {
      cluster.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  @DisplayName("after both nodes start again every accepted job completes and every finished result is there")
  void survivesKillOfEveryNode() throws Exception {
    scenario.assertNothingLost(cluster.node(1).api());
  }

  @Test
  @DisplayName("the jobs both nodes were parsing are queued again as the nodes start, without waiting for their leases")
  void jobsInFlightAreRequeuedAtOnce() {
    scenario.assertInFlightJobsRequeuedAtOnce(cluster.node(1).api(), List.of(cluster.node(0), cluster.node(1)));
  }
}
