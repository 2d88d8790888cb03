package io.docparser.http;

import io.docparser.jobs.ClusterView;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;

/** What operators call on every node, api or worker-only: health, {@code /metrics} and {@code /cluster}. */
public final class OperatorRoutes {

  private final HealthRoutes health;
  private final ClusterView cluster;
  private final Handler<RoutingContext> metrics;

  public OperatorRoutes(HealthRoutes health, ClusterView cluster, PrometheusMeterRegistry registry) {
    this.health = health;
    this.cluster = cluster;
    this.metrics = PrometheusScrapingHandler.create(registry);
  }

  Handler<RoutingContext> liveness() {
    return health.liveness();
  }

  Handler<RoutingContext> readiness() {
    return health.readiness();
  }

  /** Prometheus text: this node's meters, Vert.x's and the JVM's. */
  Handler<RoutingContext> metrics() {
    return metrics;
  }

  void cluster(RoutingContext ctx) {
    cluster.snapshot()
        .onSuccess(snapshot -> JsonAnswers.send(ctx.response(), 200, snapshot))
        .onFailure(ctx::fail);
  }
}
