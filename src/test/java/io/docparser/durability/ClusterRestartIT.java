package io.docparser.durability;

import io.docparser.support.RunningCluster;
import io.docparser.support.RunningCluster.Member;
import io.docparser.support.TestCluster;
import io.docparser.support.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** One crash of the whole cluster, looked at by each test after both nodes have started again. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("A two-node cluster on PostgreSQL, both nodes killed with kill -9, loses no job and no result")
class ClusterRestartIT {

  @RegisterExtension
  @Order(1)
  static final TestPostgres DATABASE = TestPostgres.forClass();

  @RegisterExtension
  @Order(2)
  static final RunningCluster CLUSTER = RunningCluster.of(Member.named("node-a"), Member.named("node-b"))
      .withSettings(RestartScenario.nodeSettings())
      .withSettings(Map.of("DOCPARSER_DB_URL", DATABASE.url(), "DOCPARSER_DB_USER", DATABASE.user()));

  @TempDir
  static Path workDir;
  private RestartScenario scenario;

  @BeforeAll
  void crashAndRestart() throws Exception {
    TestCluster cluster = CLUSTER.cluster();
    scenario = new RestartScenario(workDir);
    scenario.submitAndAwaitWorkInFlight(cluster.node(0).api(), 2);
    cluster.node(0).kill();
    cluster.node(1).kill();
    scenario.releaseHeldParses();

    cluster.startAgain(0);
    cluster.startAgain(1);
    cluster.awaitFormed();
  }

  @Test
  @DisplayName("after both nodes start again every accepted job completes and every finished result is there")
  void survivesKillOfEveryNode() throws Exception {
    scenario.assertNothingLost(CLUSTER.node(1).api());
  }

  @Test
  @DisplayName("the jobs both nodes were parsing are queued again as the nodes start, without waiting for their leases")
  void jobsInFlightAreRequeuedAtOnce() {
    scenario.assertInFlightJobsRequeuedAtOnce(CLUSTER.node(1).api(), List.of(CLUSTER.node(0), CLUSTER.node(1)));
  }
}
