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
import io.docparser.support.RunningCluster;
import io.docparser.support.RunningCluster.Member;
import io.docparser.support.ServiceProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("A node's Hazelcast member serves other members only")
class HazelcastEndpointsIT {

  /** The standalone name of earlier builds, Hazelcast's own default, and the service's clustered default. */
  private static final List<String> GUESSED_NAMES = List.of("docparser-standalone", "dev", "docparser");
  private static final int FIRST_MEMBER_PORT = 5701;
  /** The standalone range starts at 5801 and tries 100 ports. */
  private static final int LAST_MEMBER_PORT = 5900;

  @RegisterExtension
  static final RunningCluster CLUSTER = RunningCluster.of(Member.named("endpoints-a"), Member.named("endpoints-b"));

  @TempDir
  static Path workDir;

  private ServiceProcess standalone;

  @BeforeAll
  void startStandaloneNode() {
    Prerequisites.require("/proc (Linux), to find the ports a node listens on", ListeningSockets.available());
    standalone = ServiceProcess.start("endpoints-standalone", Map.of(), workDir).awaitReady();
  }

  @AfterAll
  void stopStandaloneNode() {
    if (standalone != null) {
      standalone.close();
    }
  }

  @Test
  @DisplayName("a Hazelcast client cannot connect to a standalone node's member, under any name it could guess")
  void standaloneMemberRefusesClients() {
    String address = memberAddress(standalone);
    assertTrue(address.startsWith("127.0.0.1:"), address);

    assertEquals(List.of(), clientsConnected(GUESSED_NAMES.stream().map(name -> new Client(address, name)).toList()));
  }

  @Test
  @DisplayName("a Hazelcast client cannot connect to a clustered node's member, even under the cluster's own name")
  void clusteredMembersRefuseClients() {
    List<Client> clients = new ArrayList<>();
    for (int i = 0; i < CLUSTER.cluster().size(); i++) {
      clients.add(new Client(memberAddress(CLUSTER.node(i)), CLUSTER.cluster().clusterName()));
    }

    assertEquals(List.of(), clientsConnected(clients));
  }

  @Test
  @DisplayName("a member started with the standalone name of earlier builds does not join a standalone node")
  void oldStandaloneNameDoesNotJoin() {
    assertFalse(intruderJoins(memberAddress(standalone)));
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

  /** A stock Hazelcast client that tries to connect to {@code member} under {@code clusterName}. */
  private record Client(String member, String clusterName) {

    /** Whether it got connected; it gives up fast. */
    boolean connects() {
      ClientConfig config = new ClientConfig().setClusterName(clusterName);
      config.setProperty("hazelcast.logging.type", "slf4j");
      // the client waits this long for the answer to its authentication, which the event bus's port never gives
      config.setProperty("hazelcast.client.heartbeat.timeout", "3000");
      config.getNetworkConfig().addAddress(member).setConnectionTimeout(2_000);
      config.getConnectionStrategyConfig().getConnectionRetryConfig()
          .setClusterConnectTimeoutMillis(3_000).setInitialBackoffMillis(200).setMaxBackoffMillis(500);
      try {
        HazelcastClient.newHazelcastClient(config).shutdown();
        return true;
      } catch (RuntimeException refused) {
        return false;
      }
    }
  }

  /**
   * The clients that got connected, as {@code name@member}. They try at the same time: each waits out its own
   * timeout when it is refused, and those waits need not add up.
   */
  private static List<String> clientsConnected(List<Client> clients) {
    ExecutorService attempts = Executors.newFixedThreadPool(clients.size());
    try {
      List<CompletableFuture<Boolean>> connected = clients.stream()
          .map(client -> CompletableFuture.supplyAsync(client::connects, attempts))
          .toList();
      return IntStream.range(0, clients.size())
          .filter(i -> connected.get(i).join())
          .mapToObj(i -> clients.get(i).clusterName() + "@" + clients.get(i).member())
          .toList();
    } finally {
      attempts.shutdownNow();
    }
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
   * The address of the node's Hazelcast member: the port it listens on in the member ranges (5701 and up with
   * {@code -cluster}, 5801 and up without), read from the kernel, since a standalone node's log names no member
   * address and other nodes on this machine may hold the first ports of a range. A clustered node's event bus
   * listens on a random port of its own, outside both ranges.
   */
  private static String memberAddress(ServiceProcess node) {
    List<String> members = ListeningSockets.ofProcess(node.pid()).stream()
        .filter(address -> {
          int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
          return port >= FIRST_MEMBER_PORT && port <= LAST_MEMBER_PORT;
        })
        .toList();
    assertEquals(1, members.size(), "node " + node.pid() + " listens on " + members + " in the member ranges");
    return members.get(0);
  }
}
