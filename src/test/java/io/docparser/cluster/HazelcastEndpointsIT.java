package io.docparser.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.BuildInfoProvider;
import io.docparser.support.ListeningSockets;
import io.docparser.support.Ports;
import io.docparser.support.Prerequisites;
import io.docparser.support.ServiceProcess;
import io.docparser.support.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("A node's Hazelcast member serves other members only")
class HazelcastEndpointsIT {

  /** The standalone name of earlier builds, Hazelcast's own default, and the service's clustered default. */
  private static final List<String> GUESSED_NAMES = List.of("docparser-standalone", "dev", "docparser");

  @TempDir
  static Path workDir;

  private ServiceProcess standalone;
  private TestCluster cluster;

  @BeforeAll
  void startNodes() throws Exception {
    Prerequisites.require("/proc (Linux), to find the ports a node listens on", ListeningSockets.available());
    standalone = ServiceProcess.start("endpoints-standalone", Map.of(),
        Files.createDirectories(workDir.resolve("standalone")));
    cluster = new TestCluster(Files.createDirectories(workDir.resolve("cluster")));
    cluster.start("endpoints-a", "api,worker", 1);
    cluster.start("endpoints-b", "api,worker", 1);
    standalone.awaitReady();
    cluster.awaitFormed();
  }

  @AfterAll
  void stopNodes() {
    cluster.close();
    standalone.close();
  }

  @Test
  @DisplayName("a Hazelcast client cannot connect to a standalone node's member, under any name it could guess")
  void standaloneMemberRefusesClients() {
    List<String> connected = new ArrayList<>();
    for (String address : clusterAddresses(standalone)) {
      assertTrue(address.startsWith("127.0.0.1:"), address);
      connected.addAll(clientsConnected(address, GUESSED_NAMES));
    }

    assertEquals(List.of(), connected);
  }

  @Test
  @DisplayName("a Hazelcast client cannot connect to a clustered node's member, even under the cluster's own name")
  void clusteredMembersRefuseClients() {
    List<String> names = new ArrayList<>(GUESSED_NAMES);
    names.add(cluster.clusterName());
    List<String> connected = new ArrayList<>();
    for (int i = 0; i < cluster.size(); i++) {
      for (String address : clusterAddresses(cluster.node(i))) {
        connected.addAll(clientsConnected(address, names));
      }
    }

    assertEquals(List.of(), connected);
  }

  @Test
  @DisplayName("a member started with the standalone name of earlier builds does not join a standalone node")
  void oldStandaloneNameDoesNotJoin() {
    for (String address : clusterAddresses(standalone)) {
      assertFalse(intruderJoins(address), address);
    }
    assertFalse(standalone.log().contains("Members {size:2"), standalone.log());
  }

  @Test
  @DisplayName("a standalone node logs no cluster name: neither the old fixed one nor Hazelcast's bracketed prefix")
  void standaloneLogHoldsNoClusterName() {
    String log = standalone.log();

    assertFalse(log.contains("docparser-standalone"), log);
    assertFalse(log.contains("] [" + BuildInfoProvider.getBuildInfo().getVersion() + "] "), log);
    assertFalse(log.contains("Cluster name"), log);
  }

  @Test
  @DisplayName("a clustered node refuses Hazelcast's default cluster name 'dev' with status 78, naming the key")
  void devClusterNameIsRefused() {
    try (ServiceProcess node = ServiceProcess.start("endpoints-dev", Map.of("DOCPARSER_CLUSTER_NAME", "dev"),
        workDir, "-cluster")) {
      assertEquals(78, node.awaitExit());
      assertTrue(node.log().contains("DOCPARSER_CLUSTER_NAME (cluster.name) = 'dev'"), node.log());
    }
  }

  @Test
  @DisplayName("a conf/cluster.xml with an <advanced-network> of its own stops a -cluster start with status 78")
  void advancedNetworkInClusterFileIsRefused() throws Exception {
    Path dir = Files.createDirectories(workDir.resolve("advanced/conf"));
    Files.writeString(dir.resolve("cluster.xml"), """
        <hazelcast xmlns="http://www.hazelcast.com/schema/config">
          <advanced-network enabled="true">
            <member-server-socket-endpoint-config><port>5701</port></member-server-socket-endpoint-config>
            <client-server-socket-endpoint-config><port>9701</port></client-server-socket-endpoint-config>
          </advanced-network>
        </hazelcast>
        """);
    try (ServiceProcess node = ServiceProcess.start("endpoints-advanced", Map.of(), dir.getParent(), "-cluster")) {
      assertEquals(78, node.awaitExit());
      assertTrue(node.log().contains("conf/cluster.xml enables <advanced-network>"), node.log());
    }
  }

  /** The names under which a stock Hazelcast client got connected to {@code member}; each attempt gives up fast. */
  private static List<String> clientsConnected(String member, List<String> clusterNames) {
    List<String> connected = new ArrayList<>();
    for (String name : clusterNames) {
      ClientConfig config = new ClientConfig().setClusterName(name);
      config.setProperty("hazelcast.logging.type", "slf4j");
      // the client waits this long for the answer to its authentication, which the event bus's port never gives
      config.setProperty("hazelcast.client.heartbeat.timeout", "3000");
      config.getNetworkConfig().addAddress(member).setConnectionTimeout(2_000);
      config.getConnectionStrategyConfig().getConnectionRetryConfig()
          .setClusterConnectTimeoutMillis(3_000).setInitialBackoffMillis(200).setMaxBackoffMillis(500);
      try {
        HazelcastClient.newHazelcastClient(config).shutdown();
        connected.add(name + "@" + member);
      } catch (RuntimeException refused) {
        // what the test wants: the client gave up
      }
    }
    return connected;
  }

  /**
   * Starts a member on a loopback port of its own that looks for {@code member} by TCP-IP under the old name, and
   * says whether it ended up in a cluster with it (a member that the other side sends away fails to start).
   */
  private static boolean intruderJoins(String member) {
    HazelcastInstance intruder;
    try {
      intruder = Hazelcast.newHazelcastInstance(intruderConfig(member));
    } catch (IllegalStateException sentAway) {
      return false;
    }
    try {
      return intruder.getCluster().getMembers().size() > 1;
    } finally {
      intruder.getLifecycleService().terminate();
    }
  }

  private static Config intruderConfig(String member) {
    Config config = new Config().setClusterName("docparser-standalone");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.socket.bind.any", "false");
    NetworkConfig network = config.getNetworkConfig().setPort(Ports.free()).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = network.getJoin();
    join.getAutoDetectionConfig().setEnabled(false);
    join.getMulticastConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).addMember(member).setConnectionTimeoutSeconds(2);
    return config;
  }

  /**
   * Every address the node listens on but its HTTP port: its Hazelcast member's, and a clustered node's event bus.
   * Read from the kernel, since a standalone node's log names no member address, and other nodes on this machine
   * may hold the first ports of the member range.
   */
  private static List<String> clusterAddresses(ServiceProcess node) {
    List<String> addresses = ListeningSockets.ofProcess(node.pid()).stream()
        .filter(address -> !address.endsWith(":" + node.httpPort())).toList();
    assertFalse(addresses.isEmpty(), "node " + node.pid() + " listens on no port but HTTP");
    return addresses;
  }
}
