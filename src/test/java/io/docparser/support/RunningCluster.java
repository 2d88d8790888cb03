package io.docparser.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A cluster of JVMs started from the jar with {@code -cluster} ({@link TestCluster}), formed once for a test class
 * and stopped after it; their logs are read by {@link CleanLogs} like every node's:
 * <pre>{@code
 * @RegisterExtension
 * static final RunningCluster cluster = RunningCluster.of(
 *     Member.named("api-only").roles("api").workers(1),
 *     Member.named("worker").roles("worker").workers(2));
 * }</pre>
 * What its nodes need that outlives them, such as a database ({@link TestPostgres#forClass()}), is an extension
 * field of its own with a lower {@code @Order}: JUnit runs the fields' before-callbacks in that order and their
 * after-callbacks in reverse, so the database is there before the nodes start and until they have stopped.
 */
public final class RunningCluster implements BeforeAllCallback, AfterAllCallback {

  private final List<Member> members;
  private final Map<String, String> shared;
  private Path workDir;
  private TestCluster cluster;

  private RunningCluster(List<Member> members, Map<String, String> shared) {
    this.members = List.copyOf(members);
    this.shared = Map.copyOf(shared);
  }

  public static RunningCluster of(Member... members) {
    return new RunningCluster(List.of(members), Map.of());
  }

  /**
   * The same cluster with these settings given to every member as well, over those given before (a member's own
   * settings win over both).
   */
  public RunningCluster withSettings(Map<String, String> settings) {
    Map<String, String> merged = new HashMap<>(shared);
    merged.putAll(settings);
    return new RunningCluster(members, merged);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    workDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-work")), "cluster-");
    cluster = new TestCluster(workDir);
    for (Member member : members) {
      Map<String, String> settings = new HashMap<>(shared);
      settings.putAll(member.settings());
      cluster.start(member.name(), member.roles(), member.workers(), settings);
    }
    cluster.awaitFormed();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (cluster != null) {
      cluster.close();
    }
    if (workDir != null) {
      try (Stream<Path> paths = Files.walk(workDir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  public ServiceProcess node(int index) {
    return cluster.node(index);
  }

  public ServiceProcess node(String name) {
    return cluster.node(members.indexOf(members.stream().filter(member -> member.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no member named " + name))));
  }

  /** The cluster itself, for what a test does to it: restart a node, start one again after a kill. */
  public TestCluster cluster() {
    return cluster;
  }

  /** One member of the cluster: its node id, roles and parser slots, and settings of its own. */
  public record Member(String name, String roles, int workers, Map<String, String> settings) {

    public static Member named(String name) {
      return new Member(name, "api,worker", 1, Map.of());
    }

    public Member roles(String roles) {
      return new Member(name, roles, workers, settings);
    }

    public Member workers(int workers) {
      return new Member(name, roles, workers, settings);
    }

    public Member settings(Map<String, String> settings) {
      return new Member(name, roles, workers, Map.copyOf(settings));
    }
  }
}
