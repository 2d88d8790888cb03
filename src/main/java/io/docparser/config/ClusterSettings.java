package io.docparser.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a node started with {@code -cluster} finds and talks to the others.
 *
 * @param name    the Hazelcast cluster name: members with another name never join, so two deployments on one network
 *                stay apart (a name is no secret: it keeps mistakes out, not attackers)
 * @param members Hazelcast TCP-IP members, as {@code host} or {@code host:port}
 * @param host    the IPv4 address Hazelcast and the event bus bind to and advertise; empty for the default
 */
public record ClusterSettings(String name, List<String> members, String host) {

  private static final String LOOPBACK = "127.0.0.1";

  public ClusterSettings {
    members = List.copyOf(members);
  }

  /**
   * Where cluster traffic listens: the configured host; else loopback when every member is on this machine; else
   * empty, and Hazelcast listens on every interface (the node warns about it).
   */
  public Optional<String> bindAddress() {
    if (!host.isEmpty()) {
      return Optional.of(host);
    }
    return isLoopbackOnly() ? Optional.of(LOOPBACK) : Optional.empty();
  }

  private boolean isLoopbackOnly() {
    return members.stream().map(m -> m.toLowerCase(Locale.ROOT))
        .allMatch(m -> m.startsWith("127.") || m.startsWith("localhost"));
  }
}
