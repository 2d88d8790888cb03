package io.docparser;

import com.hazelcast.core.HazelcastInstance;
import io.docparser.api.OwnerIds;
import io.docparser.cluster.HazelcastSource;
import io.docparser.cluster.NodeHeartbeatVerticle;
import io.docparser.cluster.OwnerSecrets;
import io.docparser.config.Isolation;
import io.docparser.config.Role;
import io.docparser.config.ServiceConfig;
import io.docparser.http.ApiRouter;
import io.docparser.http.HealthRoutes;
import io.docparser.http.HttpVerticle;
import io.docparser.http.OperatorRoutes;
import io.docparser.jobs.AnnouncedJobs;
import io.docparser.jobs.ClusterView;
import io.docparser.jobs.Draining;
import io.docparser.jobs.JobMetrics;
import io.docparser.jobs.JobProcessor;
import io.docparser.jobs.JobService;
import io.docparser.jobs.KeyQuotas;
import io.docparser.jobs.LeaseVerticle;
import io.docparser.jobs.Leases;
import io.docparser.jobs.ParserWorkerVerticle;
import io.docparser.jobs.RunningParses;
import io.docparser.jobs.Stores;
import io.docparser.parsing.DocumentParser;
import io.docparser.parsing.ParserProcesses;
import io.docparser.parsing.TikaExtractor;
import io.docparser.persistence.PersistentMaps;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One node: joins the job store, then deploys the parser slots (worker role) and the HTTP server (every node; an
 * api node serves the API, a worker-only node health alone).
 */
public final class MainVerticle extends VerticleBase {

  static final String PARSER_POOL = "docparser-parsers";
  /**
   * How much longer than the parse timeout a slot may hold its thread before Vert.x warns: time to read the
   * document and write the result around the parse itself.
   */
  private static final Duration PARSE_OVERHEAD = Duration.ofSeconds(60);

  /** Job timestamps are shown to clients; milliseconds are precise enough and easier to read. */
  private static final Clock CLOCK = Clock.tickMillis(ZoneOffset.UTC);

  private final ServiceConfig config;
  private final HazelcastSource hazelcast;
  private final Draining draining;
  private final JobMetrics metrics;
  private final AtomicBoolean slotsUp = new AtomicBoolean();
  private final Leases leases;
  private final RunningParses running = new RunningParses();
  private ParserProcesses parserProcesses;

  /**
   * @param draining set when the node is asked to stop
   * @param metrics  the node's meters, in the registry Vert.x keeps its own in
   */
  public MainVerticle(ServiceConfig config, HazelcastSource hazelcast, Draining draining, JobMetrics metrics) {
    this.config = config;
    this.leases = new Leases(config.lease(), config.drain());
    this.hazelcast = hazelcast;
    this.draining = draining;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    return Future.all(hazelcast.start(vertx).compose(this::openStores), loadParsers())
        .compose(started -> {
          Stores stores = started.resultAt(0);
          TikaExtractor parsers = started.resultAt(1);
          return vertx.deployVerticle(new LeaseVerticle(stores, leases, running, metrics, config.maxAttempts()))
              .compose(keeping -> vertx.deployVerticle(
                  new NodeHeartbeatVerticle(stores, config, running, metrics, draining, CLOCK)))
              .compose(beating -> deployWorkers(stores, parsers))
              .compose(slots -> deployHttp(stores, parsers));
        });
  }

  private Future<Stores> openStores(HazelcastInstance store) {
    PersistentMaps.reachability(store).ifPresent(metrics::databaseReachability);
    return vertx.executeBlocking(
        () -> Stores.open(vertx, store, CLOCK, Duration.ofSeconds(config.resultTtlSeconds()), metrics));
  }

  /**
   * Tika finds its parsers through the class path, which takes seconds: never on an event loop. This JVM loads them
   * with either isolation: they answer which formats the service reads.
   */
  private Future<TikaExtractor> loadParsers() {
    return vertx.executeBlocking(() -> {
      if (config.isolation() == Isolation.PROCESS && config.hasRole(Role.WORKER)) {
        parserProcesses = ParserProcesses.prepare(config.childJvms(), config.parseTimeoutMs(), config.maxTextChars());
      }
      return new TikaExtractor(config.maxTextChars());
    });
  }

  /** The parser of one slot: a child process of its own, or the JVM's shared Tika. */
  private DocumentParser slotParser(TikaExtractor inProcess) {
    return parserProcesses == null ? inProcess : parserProcesses.newSlot(metrics::childRestarted);
  }

  /** The slots (undeployed first, as this verticle's children) have closed their children; their files go. */
  @Override
  public Future<?> stop() {
    Future<?> removed = parserProcesses == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
      parserProcesses.close();
      return null;
    });
    return removed.eventually(() -> hazelcast.stop(vertx));
  }

  /**
   * Opens the parser slots' pool, which the slots share by its name. A pool is closed when the last one holding it
   * lets go: held by this verticle it outlives the slots' undeployment, and held from outside any verticle (as the
   * command line does) it stays open until Vert.x itself closes. Work that completes on a slot's context once the
   * slot is gone (a store call, a connection to another member) then still finds a thread, instead of a pool that
   * is shutting down and rejects it.
   */
  public static void openParserPool(Vertx vertx, ServiceConfig config) {
    vertx.createSharedWorkerExecutor(PARSER_POOL, config.workers(), slotTime(config).toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private static Duration slotTime(ServiceConfig config) {
    return Duration.ofMillis(config.parseTimeoutMs()).plus(PARSE_OVERHEAD);
  }

  private Future<?> deployWorkers(Stores stores, TikaExtractor parsers) {
    if (!config.hasRole(Role.WORKER)) {
      return Future.succeededFuture();
    }
    Duration slotTime = slotTime(config);
    openParserPool(vertx, config);
    DeploymentOptions slots = new DeploymentOptions()
        .setThreadingModel(ThreadingModel.WORKER)
        .setInstances(config.workers())
        .setWorkerPoolName(PARSER_POOL)
        .setWorkerPoolSize(config.workers())
        .setMaxWorkerExecuteTime(slotTime.toMillis())
        .setMaxWorkerExecuteTimeUnit(TimeUnit.MILLISECONDS);
    return AnnouncedJobs.listen(vertx).compose(announced -> vertx.deployVerticle(
            () -> new ParserWorkerVerticle(stores.jobs(), announced,
                new JobProcessor(stores, slotParser(parsers), metrics),
                leases, running, draining, config.nodeId()), slots))
        .onSuccess(deployed -> {
          slotsUp.set(true);
          metrics.slots(config.workers(), running::busy);
        });
  }

  /** The HTTP server, once the cluster's owner secret is known: API keys name their callers with it. */
  private Future<?> deployHttp(Stores stores, TikaExtractor parsers) {
    return OwnerSecrets.resolve(vertx, stores.member(), config.ownerSecret())
        .compose(owners -> deployHttp(stores, parsers, owners));
  }

  private Future<?> deployHttp(Stores stores, TikaExtractor parsers, OwnerIds owners) {
    OperatorRoutes operator = new OperatorRoutes(
        new HealthRoutes(vertx, config, stores::probe, slotsUp::get, draining), new ClusterView(stores),
        metrics.registry());
    if (!config.hasRole(Role.API)) {
      return vertx.deployVerticle(new HttpVerticle(config, (v, connections) ->
          Future.succeededFuture(ApiRouter.workerOnly(v, config, operator, owners, connections))));
    }
    JobService jobs = new JobService(stores, vertx.eventBus(), CLOCK, config.queueLimit(),
        KeyQuotas.of(config.access()), metrics);
    return vertx.deployVerticle(new HttpVerticle(config, (v, connections) ->
        ApiRouter.api(v, config, jobs, operator, owners, parsers.supportedTypes(), connections, metrics.registry())));
  }
}
