package io.docparser.http;

import io.docparser.api.OutputFormat;
import io.docparser.config.ServiceConfig;
import io.docparser.jobs.JobService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.List;
import java.util.Set;

/**
 * Routers of the HTTP server. An api node's router is generated from openapi.yaml: parameters are validated from
 * the contract, except {@code POST /submit}, whose body {@link Submissions} checks. A worker-only node serves what
 * operators call alone: health, metrics and the cluster's state (not the dashboard, which submits documents). Both
 * answer every failure through {@link ErrorResponder}.
 */
public final class ApiRouter {

  private static final String LIVENESS = "/health/live";
  private static final String READINESS = "/health/ready";
  private static final String METRICS = "/metrics";
  private static final String CLUSTER = "/cluster";

  private ApiRouter() {
  }

  /**
   * @param inputTypes the media types this build parses, for {@code GET /formats}
   */
  public static Future<Router> api(Vertx vertx, ServiceConfig config, JobService jobs, OperatorRoutes operator,
      List<String> inputTypes) {
    return FinishedJobs.listen(vertx).compose(finished -> vertx.executeBlocking(
            () -> new Setup(ContractRoutes.load(), DashboardRoutes.load(), UploadFiles.in(vertx, config.uploadDir()),
                finished)))
        .compose(setup -> Future.all(OpenAPIContract.from(vertx, setup.contract().contractJson()),
                OpenAPIContract.from(vertx, setup.contract().routingContractJson()))
            .map(parsed -> build(vertx, config, jobs, operator, setup, parsed.resultAt(0), parsed.resultAt(1),
                inputTypes)));
  }

  public static Router workerOnly(Vertx vertx, ServiceConfig config, OperatorRoutes operator) {
    Router router = Router.router(vertx);
    router.route().handler(new RequestIds());
    router.route().handler(new SecurityHeaders());
    router.route().handler(RequestPaths.withoutJobs());
    router.route().handler(ApiKeyAuth.withOpenPaths(Set.of(LIVENESS, READINESS), config.access()));
    router.get(LIVENESS).handler(operator.liveness());
    router.get(READINESS).handler(operator.readiness());
    router.get(METRICS).handler(operator.metrics());
    router.get(CLUSTER).handler(operator::cluster);
    return withErrorAnswers(router);
  }

  /**
   * @param contract the contract as written, whose security rules {@link ApiKeyAuth} enforces
   * @param routing  the same without security requirements, which the router is generated from
   */
  private static Router build(Vertx vertx, ServiceConfig config, JobService jobs, OperatorRoutes operator,
      Setup setup, OpenAPIContract contract, OpenAPIContract routing, List<String> inputTypes) {
    ContractRoutes contractFiles = setup.contract();
    Submissions submissions = new Submissions(vertx, jobs, setup.uploads(), config.maxUploadBytes(),
        config.maxRequestBodyBytes());
    JobRoutes routes = new JobRoutes(jobs, submissions, setup.finished());
    JsonObject formats = new JsonObject()
        .put("input", new JsonArray(inputTypes))
        .put("output", new JsonArray(OutputFormat.wireNames()));
    RouterBuilder builder = RouterBuilder.create(vertx, routing, RequestExtractor.withBodyHandler())
        .rootHandler(new RequestIds())
        .rootHandler(new SecurityHeaders())
        .rootHandler(RequestPaths.forContract(contract))
        .rootHandler(ApiKeyAuth.forContract(contract, config.access()))
        .rootHandler(new RequestBodies(setup.uploads(), config.maxRequestBodyBytes()));
    builder.getRoute("submitDocument").setDoValidation(false).addHandler(routes::submit);
    builder.getRoute("getJobStatus").addHandler(routes::status);
    builder.getRoute("getJobResult").addHandler(routes::result);
    builder.getRoute("getFormats").addHandler(ctx -> ctx.json(formats));
    builder.getRoute("listJobs").addHandler(routes::list);
    builder.getRoute("cancelJob").addHandler(routes::cancel);
    builder.getRoute("getLiveness").addHandler(operator.liveness());
    builder.getRoute("getReadiness").addHandler(operator.readiness());
    builder.getRoute("getMetrics").setDoValidation(false).addHandler(operator.metrics());
    builder.getRoute("getCluster").addHandler(operator::cluster);
    builder.getRoute("getContract").setDoValidation(false).addHandler(contractFiles::serveContract);
    builder.getRoute("getDocs").setDoValidation(false).addHandler(contractFiles::serveDocs);
    builder.getRoute("getDashboard").setDoValidation(false).addHandler(setup.dashboard()::servePage);
    Router router = builder.createRouter();
    contractFiles.mountDocsAssets(router);
    setup.dashboard().mountAssets(router);
    return withErrorAnswers(router);
  }

  private record Setup(ContractRoutes contract, DashboardRoutes dashboard, UploadFiles uploads,
      FinishedJobs finished) {
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
