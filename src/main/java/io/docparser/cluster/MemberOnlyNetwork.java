package io.docparser.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.ServerSocketEndpointConfig;

/**
 * Serves a member's network settings on Hazelcast's advanced network, whose only endpoint is the member endpoint.
 * Hazelcast's plain network answers members and clients on one port, and a stock client that knows the cluster name
 * reads and changes every map (jobs, documents, results, passwords) without any API key; a member endpoint speaks
 * the member protocol alone and closes any other connection.
 */
final class MemberOnlyNetwork {

  private MemberOnlyNetwork() {
  }

  /**
   * Moves the port range, interfaces, addresses and join settings of {@code <network>} onto the member endpoint.
   * The plain network's own REST and memcache settings are dropped with it: the service serves neither.
   */
  static Config apply(Config hazelcast) {
    NetworkConfig network = hazelcast.getNetworkConfig();
    ServerSocketEndpointConfig member = new ServerSocketEndpointConfig()
        .setPort(network.getPort())
        .setPortAutoIncrement(network.isPortAutoIncrement())
        .setPortCount(network.getPortCount())
        .setPublicAddress(network.getPublicAddress())
        .setReuseAddress(network.isReuseAddress())
        .setOutboundPortDefinitions(network.getOutboundPortDefinitions())
        .setOutboundPorts(network.getOutboundPorts())
        .setInterfaces(network.getInterfaces());
    hazelcast.getAdvancedNetworkConfig()
        .setEnabled(true)
        .setJoin(network.getJoin())
        .setMemberAddressProviderConfig(network.getMemberAddressProviderConfig())
        .setIcmpFailureDetectorConfig(network.getIcmpFailureDetectorConfig())
        .setMemberEndpointConfig(member);
    return hazelcast;
  }
}
