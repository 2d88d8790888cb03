package io.docparser.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.AdvancedNetworkConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.ServerSocketEndpointConfig;
import com.hazelcast.config.XmlConfigBuilder;
import com.hazelcast.instance.EndpointQualifier;
import io.docparser.config.ConfigException;
import io.docparser.config.ConfigLoader;
import io.docparser.config.OwnerSecret;
import io.docparser.persistence.StoreMaps;
import io.docparser.support.TestDatabases;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The Hazelcast configuration of a node")
class HazelcastConfigsTest {

  private static Config clustered(Map<String, String> environment) {
    return HazelcastConfigs.clustered(new ConfigLoader(environment, Map.of()).load(null));
  }

  private static Config standalone() {
    return HazelcastConfigs.standalone(TestDatabases.embedded(), OwnerSecret.NONE);
  }

  /** The network Hazelcast runs on, once the advanced network is enabled. */
  private static AdvancedNetworkConfig network(Config config) {
    assertTrue(config.getAdvancedNetworkConfig().isEnabled(), "the advanced network is off");
    return config.getAdvancedNetworkConfig();
  }

  private static ServerSocketEndpointConfig memberEndpoint(Config config) {
    return (ServerSocketEndpointConfig) network(config).getEndpointConfigs().get(EndpointQualifier.MEMBER);
  }

  @Nested
  @DisplayName("started with -cluster")
  class Clustered {

    @Test
    @DisplayName("carries the configured cluster name, so that another deployment's members never join")
    void clusterNameIsConfigured() {
      assertEquals("docparser", clustered(Map.of()).getClusterName());
      assertEquals("staging", clustered(Map.of("DOCPARSER_CLUSTER_NAME", "staging")).getClusterName());
    }

    @Test
    @DisplayName("refuses Hazelcast's default cluster name 'dev', naming the setting")
    void refusesHazelcastsDefaultName() {
      ConfigException refused = assertThrows(ConfigException.class,
          () -> clustered(Map.of("DOCPARSER_CLUSTER_NAME", "dev")));

      assertTrue(refused.getMessage().startsWith("DOCPARSER_CLUSTER_NAME (cluster.name) = 'dev'"),
          refused.getMessage());
    }

    @Test
    @DisplayName("serves a member endpoint and nothing else, so that no Hazelcast client can connect")
    void servesMembersOnly() {
      assertEquals(Set.of(EndpointQualifier.MEMBER), network(clustered(Map.of())).getEndpointConfigs().keySet());
    }

    @Test
    @DisplayName("takes the port range of conf/cluster.xml and joins the configured members over TCP-IP alone")
    void memberEndpointKeepsTheClusterFile() {
      Config config = clustered(Map.of("DOCPARSER_CLUSTER_MEMBERS", "10.0.0.5,10.0.0.6",
          "DOCPARSER_CLUSTER_HOST", "10.0.0.5"));

      ServerSocketEndpointConfig member = memberEndpoint(config);
      assertEquals(5701, member.getPort());
      assertTrue(member.isPortAutoIncrement());
      assertEquals(20, member.getPortCount());
      JoinConfig join = network(config).getJoin();
      assertTrue(join.getTcpIpConfig().isEnabled());
      assertEquals(List.of("10.0.0.5", "10.0.0.6"), join.getTcpIpConfig().getMembers());
      assertFalse(join.getMulticastConfig().isEnabled());
      assertFalse(join.isAutoDetectionEnabled());
    }

    @Test
    @DisplayName("binds to the configured cluster host alone, not to every interface")
    void bindsToTheClusterHost() {
      Config config = clustered(Map.of("DOCPARSER_CLUSTER_MEMBERS", "10.0.0.5,10.0.0.6",
          "DOCPARSER_CLUSTER_HOST", "10.0.0.5"));

      assertEquals("false", config.getProperty("hazelcast.socket.bind.any"));
      assertTrue(memberEndpoint(config).getInterfaces().isEnabled());
      assertEquals(List.of("10.0.0.5"), List.copyOf(memberEndpoint(config).getInterfaces().getInterfaces()));
    }

    @Test
    @DisplayName("stays on loopback when every member is on this machine")
    void staysOnLoopbackForLocalMembers() {
      Config config = clustered(Map.of());

      assertEquals(List.of("127.0.0.1"), List.copyOf(memberEndpoint(config).getInterfaces().getInterfaces()));
    }

    @Test
    @DisplayName("without a cluster host for remote members, listens on every interface (and the node warns)")
    void remoteMembersWithoutHostListenEverywhere() {
      Config config = clustered(Map.of("DOCPARSER_CLUSTER_MEMBERS", "10.0.0.5,10.0.0.6"));

      assertFalse(memberEndpoint(config).getInterfaces().isEnabled());
    }
    @Test
    @DisplayName("refuses a conf/cluster.xml that turns on an advanced network of its own, with a client endpoint")
    void refusesAnAdvancedNetworkOfItsOwn() {
      Config withClients = new XmlConfigBuilder(new ByteArrayInputStream("""
          <hazelcast xmlns="http://www.hazelcast.com/schema/config">
            <advanced-network enabled="true">
              <member-server-socket-endpoint-config><port>5701</port></member-server-socket-endpoint-config>
              <client-server-socket-endpoint-config><port>9701</port></client-server-socket-endpoint-config>
            </advanced-network>
          </hazelcast>
          """.getBytes(StandardCharsets.UTF_8))).build();

      ConfigException refused = assertThrows(ConfigException.class,
          () -> HazelcastConfigs.requirePlainNetwork(withClients));
      assertTrue(refused.getMessage().contains("conf/cluster.xml enables <advanced-network>"), refused.getMessage());
    }
  }

  @Nested
  @DisplayName("started without -cluster")
  class Standalone {

    @Test
    @DisplayName("gets a new random cluster name at every start, so that no one else knows it")
    void clusterNameIsRandom() {
      String first = standalone().getClusterName();
      String second = standalone().getClusterName();

      assertNotEquals(first, second);
    }

    @Test
    @DisplayName("keeps its cluster name out of Hazelcast's log lines")
    void logLinesCarryNoClusterName() {
      assertEquals("false", standalone().getProperty("hazelcast.logging.details.enabled"));
    }

    @Test
    @DisplayName("serves a member endpoint on loopback from port 5801, and nothing else")
    void servesMembersOnlyOnLoopback() {
      Config config = standalone();

      assertEquals(Set.of(EndpointQualifier.MEMBER), network(config).getEndpointConfigs().keySet());
      assertEquals(5801, memberEndpoint(config).getPort());
      assertEquals(List.of("127.0.0.1"), List.copyOf(memberEndpoint(config).getInterfaces().getInterfaces()));
      assertEquals("false", config.getProperty("hazelcast.socket.bind.any"));
    }

    @Test
    @DisplayName("joins nothing")
    void joinsNothing() {
      JoinConfig join = network(standalone()).getJoin();

      assertFalse(join.getTcpIpConfig().isEnabled());
      assertFalse(join.getMulticastConfig().isEnabled());
      assertFalse(join.isAutoDetectionEnabled());
    }
  }

  @Test
  @DisplayName("keeps a backup of the settings map, so that the generated owner secret outlives the loss of a member")
  void settingsHaveABackup() {
    MapConfig settings = clustered(Map.of()).getMapConfigOrNull(StoreMaps.SETTINGS);

    assertNotNull(settings);
    assertEquals(1, settings.getBackupCount());
  }
}
