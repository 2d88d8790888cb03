package io.docparser.http;

import io.docparser.config.ServiceConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP server: builds its router, then listens on the configured address. */
public final class HttpVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

  private final ServiceConfig config;
  private final Function<Vertx, Future<Router>> routerFactory;

  public HttpVerticle(ServiceConfig config, Function<Vertx, Future<Router>> routerFactory) {
    this.config = config;
    this.routerFactory = routerFactory;
  }

  @Override
  public Future<?> start() {
    return routerFactory.apply(vertx)
        .compose(router -> vertx.createHttpServer(new HttpServerOptions())
            .requestHandler(router)
            .listen(config.httpPort(), config.httpHost()))
        .onSuccess(server -> LOG.info("node {} serves HTTP on {}:{}", config.nodeId(), config.httpHost(),
            server.actualPort()));
  }
}
