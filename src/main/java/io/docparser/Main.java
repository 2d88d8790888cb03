package io.docparser;

import com.hazelcast.config.Config;
import io.docparser.cluster.HazelcastConfigs;
import io.docparser.cluster.HazelcastSource;
import io.docparser.config.CommandLine;
import io.docparser.config.ConfigException;
import io.docparser.config.ConfigKey;
import io.docparser.config.ConfigLoader;
import io.docparser.config.HashApiKey;
import io.docparser.config.PrivateDirectories;
import io.docparser.config.Role;
import io.docparser.config.ServiceConfig;
import io.docparser.jobs.Draining;
import io.docparser.jobs.JobMetrics;
import io.vertx.core.Deployable;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.launcher.application.HookContext;
import io.vertx.launcher.application.VertxApplication;
import io.vertx.launcher.application.VertxApplicationHooks;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The command line: {@code java -jar doc-parser-service.jar [-cluster] [-conf file]}, or
 * {@code java -jar doc-parser-service.jar hash-api-key} (see {@link HashApiKey}). Reads and validates the
 * configuration before anything starts, gives Vert.x the Hazelcast cluster manager when {@code -cluster} is given,
 * and deploys {@link MainVerticle}. The manifest names this class as Main-Class (the launcher requires it).
 */
public final class Main extends VertxApplication implements VertxApplicationHooks {

  /** Exit status for a configuration that keeps the service from starting (sysexits' EX_CONFIG). */
  static final int EXIT_CONFIG = 78;
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final String LOGGING_FILE = "conf/logback.xml";

  private final ServiceConfig config;
  private final HazelcastClusterManager clusterManager;
  private final Config standalone;
  private final Draining draining = new Draining();
  /** One registry for the node: Vert.x's meters (HTTP, event bus), the JVM's, and the service's own. */
  private final JobMetrics metrics = JobMetrics.withOwnRegistry();

  /** @param hazelcast the member's configuration, with the node's database opened (for both kinds of node) */
  private Main(String[] args, ServiceConfig config, Config hazelcast, boolean clustered) {
    super(args);
    this.config = config;
    this.clusterManager = clustered ? new HazelcastClusterManager(hazelcast) : null;
    this.standalone = clustered ? null : hazelcast;
    // Runs beside the launcher's own shutdown hook, which closes Vert.x: from the first moment of a SIGTERM the
    // node takes no new job and reports itself not ready, while its running parses end.
    Runtime.getRuntime().addShutdownHook(new Thread(draining::begin, "docparser-drain"));
  }

  public static void main(String[] args) {
    if (args.length == 1 && args[0].equals(HashApiKey.COMMAND)) {
      System.exit(HashApiKey.run());
    }
    routeLoggingToSlf4j();
    try {
      ServiceConfig config = ConfigLoader.loadForProcess(args);
      LoggingSetup.apply(config.nodeId(), config.logLevel());
      boolean clustered = CommandLine.isClustered(args);
      prepareDirectories(config, clustered);
      // The database is opened here, before Vert.x starts, so that one that cannot be opened (unreachable, or a
      // data dir another node holds) stops the node with the configuration's exit status and a one-line reason.
      Config hazelcast = clustered
          ? HazelcastConfigs.clustered(config)
          : HazelcastConfigs.standalone(config.database(), config.ownerSecret());
      new Main(args, config, hazelcast, clustered).launch();
    } catch (ConfigException e) {
      System.err.println("doc-parser-service cannot start: " + e.getMessage());
      System.exit(EXIT_CONFIG);
    }
  }

  /**
   * The node's directories are made private before anything is written to them; one that another user owns stops
   * start-up like a bad setting. An upload dir made for this start is removed when the node stops.
   */
  private static void prepareDirectories(ServiceConfig config, boolean clustered) {
    if (config.hasRole(Role.API)) {
      PrivateDirectories.require(config.uploadDir(), ConfigKey.UPLOAD_DIR);
      if (config.uploads().perStart()) {
        LOG.info("uploads are streamed to {}, made for this start of the node and removed when it stops",
            config.uploadDir());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> PrivateDirectories.removeQuietly(config.uploadDir()),
            "docparser-uploads-removal"));
      }
    }
    if (!clustered && config.database().url().isEmpty()) {
      PrivateDirectories.require(config.database().dataDir(), ConfigKey.DATA_DIR);
    }
  }

  @Override
  public VertxBuilder createVertxBuilder(VertxOptions options) {
    VertxBuilder builder = VertxApplicationHooks.super.createVertxBuilder(options)
        .withMetrics(new MicrometerMetricsFactory(metrics.registry()));
    return clusterManager == null ? builder : builder.withClusterManager(clusterManager);
  }

  @Override
  public void beforeStartingVertx(HookContext context) {
    context.vertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
    if (clusterManager != null) {
      config.cluster().bindAddress()
          .ifPresent(address -> context.vertxOptions().getEventBusOptions().setHost(address));
    }
  }

  @Override
  public void afterVertxStarted(HookContext context) {
    if (config.hasRole(Role.WORKER)) {
      MainVerticle.openParserPool(context.vertx(), config);
    }
  }

  @Override
  public Supplier<? extends Deployable> verticleSupplier() {
    HazelcastSource hazelcast = clusterManager == null
        ? HazelcastSource.embedded(standalone)
        : HazelcastSource.of(clusterManager);
    return () -> new MainVerticle(config, hazelcast, draining, metrics);
  }

  /**
   * Hazelcast, Tika's dependencies and Vert.x log through different APIs; all of them end in one backend. Its
   * configuration is the bundled conf/logback.xml, or conf/logback.xml in the working directory when there is one.
   */
  private static void routeLoggingToSlf4j() {
    LoggingSetup.useLocalFileIfPresent(Path.of(LOGGING_FILE));
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    System.setProperty("hazelcast.logging.type", "slf4j");
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
  }
}
