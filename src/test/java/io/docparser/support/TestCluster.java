package io.docparser.support;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** JVMs started from the jar with {@code -cluster}, forming one cluster on loopback; closing stops them all. */
public final class TestCluster implements AutoCloseable {

  private final Path workDir;
  /**
   * A name of its own: nodes join every member of the same name that they find on 127.0.0.1:5701 and up, so two
   * test runs side by side on one machine would otherwise merge their clusters and take each other's jobs.
   */
  private final String clusterName = "test-" + UUID.randomUUID();
  private final List<ServiceProcess> nodes = new CopyOnWriteArrayList<>();

  public TestCluster(Path workDir) {
    this.workDir = workDir;
  }

  /** Starts a node; {@link #awaitFormed()} waits for it. */
  public ServiceProcess start(String nodeId, String roles, int workers) {
    return start(nodeId, roles, workers, Map.of());
  }

  /** Starts a node with more settings; {@link #awaitFormed()} waits for it. */
  public ServiceProcess start(String nodeId, String roles, int workers, Map<String, String> settings) {
    Map<String, String> environment = new HashMap<>(settings);
    environment.putIfAbsent("DOCPARSER_CLUSTER_NAME", clusterName);
    environment.putAll(Map.of("DOCPARSER_NODE_ID", nodeId, "DOCPARSER_ROLES", roles,
        "DOCPARSER_WORKERS", String.valueOf(workers)));
    ServiceProcess node = ServiceProcess.start(nodeId, environment, workDir, "-cluster");
    nodes.add(node);
    return node;
  }

  /** Waits until every node is ready and sees all the others as members. */
  public void awaitFormed() {
    nodes.forEach(ServiceProcess::awaitReady);
    nodes.forEach(node -> node.awaitLog("Members {size:" + nodes.size()));
  }

  /** Stops node {@code index} with SIGTERM, starts it again and waits until it has rejoined. */
  public ServiceProcess restart(int index) {
    ServiceProcess stopped = nodes.get(index);
    stopped.terminate();
    ServiceProcess again = stopped.restart();
    nodes.set(index, again);
    again.awaitReady().awaitLog("Members {size:" + nodes.size());
    return again;
  }

  /** Starts node {@code index} again after it ended (killed, say), with the same settings; then awaitFormed. */
  public ServiceProcess startAgain(int index) {
    ServiceProcess again = nodes.get(index).restart();
    nodes.set(index, again);
    return again;
  }

  /** The Hazelcast cluster name its nodes share. */
  public String clusterName() {
    return clusterName;
  }

  public ServiceProcess node(int index) {
    return nodes.get(index);
  }

  public int size() {
    return nodes.size();
  }

  @Override
  public void close() {
    nodes.forEach(ServiceProcess::close);
  }
}
