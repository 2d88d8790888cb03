package io.docparser.http;

import io.docparser.api.OutputFormat;
import io.docparser.api.OwnerIds;
import io.docparser.config.ServiceConfig;
import io.docparser.jobs.JobService;
import io.docparser.http.ApiKeyAuth.Needs;
import io.docparser.http.ApiKeyAuth.Rule;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.ArrayList;
import java.util.List;

/**
 * Routers of the HTTP server. An api node's router is generated from openapi.yaml: parameters are validated from
 * the contract, except the submit operations, whose bodies {@link Submissions} checks. A worker-only node serves what
 * operators call alone: health, metrics and the cluster's state (not the dashboard, which submits documents). Both
 * put every request through the same checks first, in this order: HEAD as GET, a request id, the security headers,
 * the connection limits, the loopback guard (a node without keys), the request target, unwanted bodies, the key and
 * the key's requests in flight; and both answer every failure through {@link ErrorResponder}.
 */
public final class ApiRouter {

  private static final String LIVENESS = "/health/live";
  private static final String READINESS = "/health/ready";
  private static final String METRICS = "/metrics";
  private static final String CLUSTER = "/cluster";
  private static final String DOCS_FILES = "/docs/";

  private ApiRouter() {
  }

  /**
   * @param inputTypes the media types this build parses, for {@code GET /formats}
   * @param registry   where the API's own meters go (the long polls)
   */
  public static Future<Router> api(Vertx vertx, ServiceConfig config, JobService jobs, OperatorRoutes operator,
      OwnerIds owners, List<String> inputTypes, ConnectionGuard connections, MeterRegistry registry) {
    return FinishedJobs.listen(vertx, registry).compose(finished -> vertx.executeBlocking(
            () -> Setup.read(vertx, config, finished)))
        .compose(setup -> Future.all(OpenAPIContract.from(vertx, setup.loadableContract()),
                OpenAPIContract.from(vertx, setup.routingContract()))
            .map(parsed -> build(vertx, config, jobs, operator, owners, setup, parsed.resultAt(0),
                parsed.resultAt(1), inputTypes, connections)));
  }

  public static Router workerOnly(Vertx vertx, ServiceConfig config, OperatorRoutes operator, OwnerIds owners,
      ConnectionGuard connections) {
    List<Rule> rules = List.of(new Rule(RoutePattern.of(HttpMethod.GET, LIVENESS), Needs.NOTHING),
        new Rule(RoutePattern.of(HttpMethod.GET, READINESS), Needs.NOTHING),
        new Rule(RoutePattern.of(HttpMethod.GET, METRICS), Needs.OPERATOR_KEY),
        new Rule(RoutePattern.of(HttpMethod.GET, CLUSTER), Needs.OPERATOR_KEY));
    Router router = Router.router(vertx);
    for (Handler<RoutingContext> check : checks(config, connections, RequestTargets.withoutJobs(),
        UnwantedBodies.forBodilessRoutes(rules.stream().map(Rule::route).toList()),
        ApiKeyAuth.forRules(rules, config.access(), owners))) {
      router.route().handler(check);
    }
    router.get(LIVENESS).handler(operator.liveness());
    router.get(READINESS).handler(operator.readiness());
    router.get(METRICS).handler(operator.metrics());
    router.get(CLUSTER).handler(operator::cluster);
    return withErrorAnswers(router);
  }

  /**
   * @param contract the contract as written (as far as vertx-openapi can load it), whose security rules
   *                 {@link ApiKeyAuth} enforces
   * @param routing  the same without security requirements, which the router is generated from
   */
  private static Router build(Vertx vertx, ServiceConfig config, JobService jobs, OperatorRoutes operator,
      OwnerIds owners, Setup setup, OpenAPIContract contract, OpenAPIContract routing, List<String> inputTypes,
      ConnectionGuard connections) {
    ContractRoutes contractFiles = setup.contract();
    KeyConcurrency concurrency = new KeyConcurrency(config.access());
    Submissions submissions = new Submissions(vertx, jobs, setup.uploads(), config.maxUploadBytes(),
        config.maxRequestBodyBytes());
    JobRoutes routes = new JobRoutes(jobs, submissions, setup.finished(), concurrency);
    JsonObject formats = new JsonObject()
        .put("input", new JsonArray(inputTypes))
        .put("output", new JsonArray(OutputFormat.wireNames()));
    List<String> openFiles = List.of(DOCS_FILES, DashboardRoutes.ASSETS);
    RouterBuilder builder = RouterBuilder.create(vertx, routing, new ContractRequests());
    for (Handler<RoutingContext> check : checks(config, connections, RequestTargets.forContract(contract),
        UnwantedBodies.forContract(contract, openFiles),
        ApiKeyAuth.forContract(contract, config.access(), owners, openFiles))) {
      builder.rootHandler(check);
    }
    builder.rootHandler(concurrency);
    builder.getRoute("submitDocument").setDoValidation(false)
        .addHandler(ctx -> routes.submit(ctx, Submissions.Operation.ANY_FORM));
    builder.getRoute("submitForm").setDoValidation(false)
        .addHandler(ctx -> routes.submit(ctx, Submissions.Operation.FORM));
    builder.getRoute("submitRaw").setDoValidation(false)
        .addHandler(ctx -> routes.submit(ctx, Submissions.Operation.RAW));
    builder.getRoute("getJobStatus").addHandler(routes::status);
    builder.getRoute("getJobResult").addHandler(routes::result);
    builder.getRoute("getJobContent").addHandler(routes::content);
    builder.getRoute("getFormats").addHandler(ctx -> JsonAnswers.send(ctx.response(), 200, formats));
    builder.getRoute("listJobs").addHandler(routes::list);
    builder.getRoute("cancelJob").addHandler(routes::cancel);
    builder.getRoute("getLiveness").addHandler(operator.liveness());
    builder.getRoute("getReadiness").addHandler(operator.readiness());
    builder.getRoute("getMetrics").addHandler(operator.metrics());
    builder.getRoute("getCluster").addHandler(operator::cluster);
    builder.getRoute("getContract").addHandler(contractFiles::serveContract);
    builder.getRoute("getDocs").addHandler(contractFiles::serveDocs);
    builder.getRoute("getDashboard").addHandler(setup.dashboard()::servePage);
    Router router = builder.createRouter();
    contractFiles.mountDocsAssets(router);
    setup.dashboard().mountAssets(router);
    return withErrorAnswers(router);
  }

  /** The checks every request goes through before its route, in order. */
  private static List<Handler<RoutingContext>> checks(ServiceConfig config, ConnectionGuard connections,
      RequestTargets targets, UnwantedBodies bodies, ApiKeyAuth auth) {
    List<Handler<RoutingContext>> checks = new ArrayList<>(List.of(new HeadRequests(), new RequestIds(),
        new SecurityHeaders(), connections));
    if (!config.access().keysRequired() && config.servesLoopbackOnly()) {
      checks.add(new LoopbackOnly());
    }
    checks.addAll(List.of(targets, bodies, auth));
    return checks;
  }

  /**
   * What the router is built from that takes reading and parsing (the contract's YAML takes most of a second on a
   * busy machine): made on a worker thread, never on the event loop.
   */
  private record Setup(ContractRoutes contract, JsonObject loadableContract, JsonObject routingContract,
      DashboardRoutes dashboard, UploadFiles uploads, FinishedJobs finished) {

    static Setup read(Vertx vertx, ServiceConfig config, FinishedJobs finished) {
      ContractRoutes contract = ContractRoutes.load();
      return new Setup(contract, contract.loadableContractJson(), contract.routingContractJson(),
          DashboardRoutes.load(), UploadFiles.in(vertx, config.uploadDir()), finished);
    }
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
