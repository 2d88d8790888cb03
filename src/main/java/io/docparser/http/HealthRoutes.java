package io.docparser.http;

import io.docparser.config.Role;
import io.docparser.config.ServiceConfig;
import io.docparser.jobs.Draining;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Liveness and readiness. A node is ready when it reaches the job store, is not draining, and (worker role) has
 * its parser slots up; a full queue never makes a node not-ready.
 */
public final class HealthRoutes {

  private final HealthCheckHandler liveness;
  private final HealthCheckHandler readiness;

  /**
   * @param storeProbe a read from the job store, which fails when the store cannot be reached
   * @param slotsUp    whether this node's parser slots are deployed (asked only on worker nodes)
   */
  public HealthRoutes(Vertx vertx, ServiceConfig config, Supplier<Future<?>> storeProbe, BooleanSupplier slotsUp,
      Draining draining) {
    this.liveness = HealthCheckHandler.create(vertx)
        .register("process", promise -> promise.complete(Status.OK()));
    this.readiness = HealthCheckHandler.create(vertx)
        .register("store", promise -> storeProbe.get()
            .onComplete(probe -> promise.complete(new Status().setOk(probe.succeeded()))))
        .register("accepting-work", promise -> promise.complete(new Status().setOk(!draining.isDraining())));
    if (config.hasRole(Role.WORKER)) {
      readiness.register("parser-slots", promise -> promise.complete(new Status().setOk(slotsUp.getAsBoolean())));
    }
  }

  HealthCheckHandler liveness() {
    return liveness;
  }

  HealthCheckHandler readiness() {
    return readiness;
  }
}
