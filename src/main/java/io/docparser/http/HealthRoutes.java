package io.docparser.http;

import io.docparser.config.Role;
import io.docparser.config.ServiceConfig;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import java.util.function.BooleanSupplier;

/** Liveness and readiness. Readiness follows the node's roles; a full queue never makes a node not-ready. */
public final class HealthRoutes {

  private final HealthCheckHandler liveness;
  private final HealthCheckHandler readiness;

  /**
   * @param storeUp whether this node reaches the job store
   * @param slotsUp whether this node's parser slots are deployed (asked only on worker nodes)
   */
  public HealthRoutes(Vertx vertx, ServiceConfig config, BooleanSupplier storeUp, BooleanSupplier slotsUp) {
    this.liveness = HealthCheckHandler.create(vertx)
        .register("process", promise -> promise.complete(Status.OK()));
    this.readiness = HealthCheckHandler.create(vertx)
        .register("store", promise -> promise.complete(new Status().setOk(storeUp.getAsBoolean())));
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
