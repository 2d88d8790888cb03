package io.docparser.support;

import io.docparser.MainVerticle;
import io.docparser.cluster.HazelcastConfigs;
import io.docparser.cluster.HazelcastSource;
import io.docparser.config.ConfigLoader;
import io.docparser.config.ServiceConfig;
import io.docparser.jobs.Draining;
import io.docparser.jobs.JobMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A whole standalone node (embedded Hazelcast, parser slots, HTTP) deployed into a test's Vert.x instance. */
public final class TestNode {

  private TestNode() {
  }

  /**
   * @param environment settings as environment variables (DOCPARSER_...), on top of the test defaults
   * @return the node's configuration, once it serves HTTP
   */
  public static Future<ServiceConfig> deploy(Vertx vertx, Map<String, String> environment) {
    return deploy(vertx, environment, new Draining());
  }

  /**
   * A node whose verticles run with {@code classLoader} as their threads' context class loader: with isolation none,
   * the parsers it finds there parse in this JVM (such as {@link HostileParser#classLoader()}). Vert.x takes a
   * verticle instance's class loader from the thread that deploys it.
   */
  public static Future<ServiceConfig> deploy(Vertx vertx, Map<String, String> environment, ClassLoader classLoader) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(classLoader);
    try {
      return deploy(vertx, environment);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** A node whose draining the test controls. */
  public static Future<ServiceConfig> deploy(Vertx vertx, Map<String, String> environment, Draining draining) {
    Map<String, String> env = new HashMap<>();
    env.put("DOCPARSER_HTTP_PORT", String.valueOf(Ports.free()));
    env.put("DOCPARSER_NODE_ID", "test-node");
    Path dataDir = TestDatabases.embedded().dataDir();
    env.put("DOCPARSER_DATA_DIR", dataDir.toString());
    // Beside the data, rather than a directory of its own in the temp dir that nothing removes once the test ends.
    env.put("DOCPARSER_UPLOAD_DIR", dataDir.resolve("uploads").toString());
    env.putAll(environment);
    ServiceConfig config = new ConfigLoader(env, Map.of()).load(null);
    HazelcastSource hazelcast =
        HazelcastSource.embedded(HazelcastConfigs.standalone(config.database(), config.ownerSecret()));
    return vertx.deployVerticle(new MainVerticle(config, hazelcast, draining, JobMetrics.withOwnRegistry()))
        .map(config);
  }
}
