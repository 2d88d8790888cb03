package io.docparser.http;

import io.docparser.config.Access;
import io.docparser.config.ConfigKey;
import io.docparser.config.Role;
import io.docparser.config.ServiceConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP server: builds its router, then listens on the configured address. */
public final class HttpVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

  private final ServiceConfig config;
  private final BiFunction<Vertx, ConnectionGuard, Future<Router>> routerFactory;

  /** @param routerFactory builds the router, which puts every request through the connection guard it is given */
  public HttpVerticle(ServiceConfig config, BiFunction<Vertx, ConnectionGuard, Future<Router>> routerFactory) {
    this.config = config;
    this.routerFactory = routerFactory;
  }

  @Override
  public Future<?> start() {
    ConnectionGuard connections = new ConnectionGuard(vertx, config.connections());
    return routerFactory.apply(vertx, connections)
        .compose(router -> vertx.createHttpServer(ServerLimits.options())
            .connectionHandler(connections::opened)
            .requestHandler(request -> {
              connections.headArrived(request);
              router.handle(request);
            })
            .invalidRequestHandler(new InvalidRequests())
            .listen(config.httpPort(), config.httpHost()))
        .onSuccess(server -> {
          LOG.info("node {} serves HTTP on {}:{}", config.nodeId(), config.httpHost(), server.actualPort());
          if (config.hasRole(Role.API)) {
            logAccess(config.access());
          }
        });
  }

  private void logAccess(Access access) {
    if (access.keysRequired()) {
      LOG.info("API keys are required (tenant keys: {}, operator keys: {}); each key may make {} requests/s"
              + " on this node and have {} jobs queued or processing", access.apiKeys().count(),
          access.operatorKeys().count(), limit(access.requestsPerSecond()), limit(access.maxActiveJobs()));
    } else if (access.allowOpenAccess()) {
      LOG.warn("no API keys are configured and {}=true: anyone who can reach {} can submit documents and read every"
          + " result", ConfigKey.ALLOW_OPEN_ACCESS.envName(), config.httpHost());
    } else {
      LOG.info("no API keys are configured, so the API is served on loopback only, to requests that name this"
          + " node's loopback address: set {} (or {}) to serve it beyond this machine", ConfigKey.API_KEYS.envName(),
          ConfigKey.API_KEY_HASHES.envName());
    }
  }

  private static String limit(long value) {
    return value == 0 ? "unlimited" : Long.toString(value);
  }
}
