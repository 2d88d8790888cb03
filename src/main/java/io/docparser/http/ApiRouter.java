package io.docparser.http;

import io.docparser.config.ServiceConfig;
import io.docparser.jobs.JobService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;

/**
 * Routers of the HTTP server. An api node's router is generated from openapi.yaml: parameters are validated from
 * the contract, except {@code POST /submit}, whose body {@link SubmitRequestParser} checks. A worker-only node
 * serves health alone. Both answer every failure through {@link ErrorResponder}.
 */
public final class ApiRouter {

  private ApiRouter() {
  }

  public static Future<Router> api(Vertx vertx, ServiceConfig config, JobService jobs, HealthRoutes health) {
    return vertx.executeBlocking(ContractRoutes::load)
        .compose(contract -> OpenAPIContract.from(vertx, contract.contractJson())
            .map(parsed -> build(vertx, config, jobs, health, contract, parsed)));
  }

  public static Router workerOnly(Vertx vertx, HealthRoutes health) {
    Router router = Router.router(vertx);
    router.route().handler(new RequestIds());
    router.get("/health/live").handler(health.liveness());
    router.get("/health/ready").handler(health.readiness());
    return withErrorAnswers(router);
  }

  private static Router build(Vertx vertx, ServiceConfig config, JobService jobs, HealthRoutes health,
      ContractRoutes contract, OpenAPIContract parsed) {
    JobRoutes routes = new JobRoutes(vertx, jobs, new SubmitRequestParser(config.maxUploadBytes()));
    RouterBuilder builder = RouterBuilder.create(vertx, parsed, RequestExtractor.withBodyHandler())
        .rootHandler(new RequestIds())
        .rootHandler(BodyHandler.create(false).setBodyLimit(config.maxRequestBodyBytes()));
    builder.getRoute("submitDocument").setDoValidation(false).addHandler(routes::submit);
    builder.getRoute("getJobStatus").addHandler(routes::status);
    builder.getRoute("getJobResult").addHandler(routes::result);
    builder.getRoute("getLiveness").addHandler(health.liveness());
    builder.getRoute("getReadiness").addHandler(health.readiness());
    builder.getRoute("getContract").setDoValidation(false).addHandler(contract::serveContract);
    builder.getRoute("getDocs").setDoValidation(false).addHandler(contract::serveDocs);
    Router router = builder.createRouter();
    contract.mountDocsAssets(router);
    return withErrorAnswers(router);
  }

  private static Router withErrorAnswers(Router router) {
    ErrorResponder errors = new ErrorResponder();
    router.route().failureHandler(errors);
    router.errorHandler(404, errors);
    router.errorHandler(405, errors);
    router.errorHandler(500, errors);
    return router;
  }
}
