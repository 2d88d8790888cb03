package io.docparser.cluster;

import io.docparser.config.Role;
import io.docparser.config.ServiceConfig;
import io.docparser.jobs.Draining;
import io.docparser.jobs.JobMetrics;
import io.docparser.jobs.JobStatus;
import io.docparser.jobs.RunningParses;
import io.docparser.jobs.Stores;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's record in the cluster's node directory fresh (what {@code GET /cluster} and the dashboard list),
 * and with it this node's measurement of the queue's depth (the {@code docparser_queue_depth} gauge). A node that
 * stops removes its record; one that dies drops out when the record's time to live runs out.
 */
public final class NodeHeartbeatVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(NodeHeartbeatVerticle.class);
  /** Well inside the record's time to live, so that a live node never drops out between two beats. */
  static final long PERIOD_MS = 2_000;

  private final Stores stores;
  private final ServiceConfig config;
  private final RunningParses running;
  private final JobMetrics metrics;
  private final Draining draining;
  private final Clock clock;
  private final Instant startedAt;
  private long timer;

  public NodeHeartbeatVerticle(Stores stores, ServiceConfig config, RunningParses running, JobMetrics metrics,
      Draining draining, Clock clock) {
    this.stores = stores;
    this.config = config;
    this.running = running;
    this.metrics = metrics;
    this.draining = draining;
    this.clock = clock;
    this.startedAt = clock.instant();
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(PERIOD_MS, tick -> beat());
    return beat();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    // A record left behind drops out when its time to live runs out, as a dead node's does: no reason to fail the
    // node's stop over it.
    return stores.nodes().remove(config.nodeId())
        .recover(failed -> {
          LOG.warn("this node's record could not be removed; it expires by itself: {}", failed.toString());
          return Future.succeededFuture();
        });
  }

  private Future<?> beat() {
    return Future.join(stores.nodes().publish(record()),
            stores.jobs().queueDepth().onSuccess(depth -> metrics.queueDepth(depth.jobs())))
        .onFailure(failed -> LOG.debug("heartbeat: {}", failed.toString()));
  }

  private JsonObject record() {
    JsonArray roles = new JsonArray();
    config.roles().stream().map(role -> role.name().toLowerCase(Locale.ROOT)).sorted().forEach(roles::add);
    return new JsonObject()
        .put("node_id", config.nodeId())
        .put("roles", roles)
        .put("slots", config.hasRole(Role.WORKER) ? config.workers() : 0)
        .put("busy", running.busy())
        .put("draining", draining.isDraining())
        .put("completed", metrics.finishedCount(JobStatus.COMPLETED))
        .put("failed", metrics.finishedCount(JobStatus.FAILED))
        .put("cancelled", metrics.finishedCount(JobStatus.CANCELLED))
        .put("started_at", startedAt.toString())
        .put("updated_at", clock.instant().toString());
  }
}
