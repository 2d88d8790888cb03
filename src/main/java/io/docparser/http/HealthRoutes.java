package io.docparser.http;

import io.docparser.config.Role;
import io.docparser.config.ServiceConfig;
import io.docparser.jobs.Draining;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Liveness and readiness. A node is ready when it reaches the job store, is not draining, and (worker role) has
 * its parser slots up; a full queue never makes a node not-ready. The answers are rendered here rather than by
 * Vert.x's health-check handler, which answers a check that failed to run with a 500 and uses a JSON media type of
 * its own: here every answer is 200 (up) or 503 (down), as the contract says, in the API's one JSON media type.
 */
public final class HealthRoutes {

  private static final String DOWN = "DOWN";

  private final HealthChecks liveness;
  private final HealthChecks readiness;

  /**
   * @param storeProbe a read from the job store, which fails when the store cannot be reached
   * @param slotsUp    whether this node's parser slots are deployed (asked only on worker nodes)
   */
  public HealthRoutes(Vertx vertx, ServiceConfig config, Supplier<Future<?>> storeProbe, BooleanSupplier slotsUp,
      Draining draining) {
    this.liveness = HealthChecks.create(vertx)
        .register("process", promise -> promise.complete(Status.OK()));
    this.readiness = HealthChecks.create(vertx)
        .register("store", promise -> storeProbe.get()
            .onComplete(probe -> promise.complete(new Status().setOk(probe.succeeded()))))
        .register("accepting-work", promise -> promise.complete(new Status().setOk(!draining.isDraining())));
    if (config.hasRole(Role.WORKER)) {
      readiness.register("parser-slots", promise -> promise.complete(new Status().setOk(slotsUp.getAsBoolean())));
    }
  }

  Handler<RoutingContext> liveness() {
    return ctx -> answer(ctx, liveness);
  }

  Handler<RoutingContext> readiness() {
    return ctx -> answer(ctx, readiness);
  }

  private static void answer(RoutingContext ctx, HealthChecks checks) {
    checks.checkStatus().onComplete(checked -> {
      CheckResult result = checked.result();
      boolean up = checked.succeeded() && result.getUp();
      JsonObject body = checked.succeeded()
          ? result.toJson()
          : new JsonObject().put("status", DOWN).put("outcome", DOWN);
      JsonAnswers.send(ctx.response(), up ? 200 : 503, body);
    });
  }
}
