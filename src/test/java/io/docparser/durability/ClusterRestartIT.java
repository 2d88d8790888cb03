package io.docparser.durability;

import io.docparser.support.Prerequisites;
import io.docparser.support.TestCluster;
import io.docparser.support.TestPostgres;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A two-node cluster on PostgreSQL, both nodes killed with kill -9, loses no job and no result")
class ClusterRestartIT {

  @TempDir
  Path workDir;
  private TestPostgres database;
  private TestCluster cluster;

  @BeforeEach
  void createDatabase() {
    Prerequisites.require(TestPostgres.SERVER, TestPostgres.reachable());
    database = TestPostgres.create();
    cluster = new TestCluster(workDir);
  }

  @AfterEach
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
    Map<String, String> db = Map.of("DOCPARSER_DB_URL", database.url(), "DOCPARSER_DB_USER", database.user());
    cluster.start("node-a", "api,worker", 1, db);
    cluster.start("node-b", "api,worker", 1, db);
    cluster.awaitFormed();
    RestartScenario scenario = new RestartScenario();
    scenario.submitAndAwaitWorkInFlight(cluster.node(0).api());
    cluster.node(0).kill();
    cluster.node(1).kill();

    cluster.startAgain(0);
    cluster.startAgain(1);
    cluster.awaitFormed();
    scenario.assertNothingLost(cluster.node(1).api());
  }
}
