package io.docparser.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import io.docparser.config.ConfigLoader;
import io.docparser.jobs.StoreMaps;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The Hazelcast configuration of a clustered node")
class HazelcastConfigsTest {

  private static Config clustered(Map<String, String> environment) {
    return HazelcastConfigs.clustered(new ConfigLoader(environment, Map.of()).load(null));
  }

  @Test
  @DisplayName("carries the configured cluster name, so that another deployment's members never join")
  void clusterNameIsConfigured() {
    assertEquals("docparser", clustered(Map.of()).getClusterName());
    assertEquals("staging", clustered(Map.of("DOCPARSER_CLUSTER_NAME", "staging")).getClusterName());
  }

  @Test
  @DisplayName("binds to the configured cluster host alone, not to every interface")
  void bindsToTheClusterHost() {
    Config config = clustered(Map.of("DOCPARSER_CLUSTER_MEMBERS", "10.0.0.5,10.0.0.6",
        "DOCPARSER_CLUSTER_HOST", "10.0.0.5"));

    assertEquals("false", config.getProperty("hazelcast.socket.bind.any"));
    assertTrue(config.getNetworkConfig().getInterfaces().isEnabled());
    assertEquals(List.of("10.0.0.5"), List.copyOf(config.getNetworkConfig().getInterfaces().getInterfaces()));
    assertEquals(List.of("10.0.0.5", "10.0.0.6"), config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers());
  }

  @Test
  @DisplayName("stays on loopback when every member is on this machine")
  void staysOnLoopbackForLocalMembers() {
    Config config = clustered(Map.of());

    assertEquals(List.of("127.0.0.1"), List.copyOf(config.getNetworkConfig().getInterfaces().getInterfaces()));
  }

  @Test
  @DisplayName("without a cluster host for remote members, listens on every interface (and the node warns)")
  void remoteMembersWithoutHostListenEverywhere() {
    Config config = clustered(Map.of("DOCPARSER_CLUSTER_MEMBERS", "10.0.0.5,10.0.0.6"));

    assertFalse(config.getNetworkConfig().getInterfaces().isEnabled());
  }

  @Test
  @DisplayName("keeps a backup of the settings map, so that the generated owner secret outlives the loss of a member")
  void settingsHaveABackup() {
    MapConfig settings = clustered(Map.of()).getMapConfigOrNull(StoreMaps.SETTINGS);

    assertNotNull(settings);
    assertEquals(1, settings.getBackupCount());
  }
}
