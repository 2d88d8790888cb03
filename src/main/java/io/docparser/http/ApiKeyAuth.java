package io.docparser.http;

import io.docparser.api.Caller;
import io.docparser.api.ErrorCode;
import io.docparser.api.ServiceException;
import io.docparser.config.Access;
import io.docparser.config.ApiKeys;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.SecurityRequirement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Authentication and the per-key request rate, for every route. openapi.yaml declares the rules: two schemes (a
 * bearer token and an {@code X-API-Key} header), required everywhere except the operations marked
 * {@code security: []}. vertx-openapi would enforce {@code http bearer} only with a JWT handler, so this one handler
 * enforces both schemes for every route instead, and takes its open paths from the contract itself, so that what is
 * declared and what is enforced cannot drift apart; the files that the open pages load (Swagger UI's, the
 * dashboard's) are open too. It runs before any body is read: a caller without a key uploads nothing.
 */
final class ApiKeyAuth implements PlatformHandler {

  private static final String CALLER = "docparser.caller";
  private static final String BEARER = "bearer ";
  static final String API_KEY_HEADER = "X-API-Key";
  /** Swagger UI's files, served beside the contract's /docs page, which is open. */
  private static final String DOCS_ASSETS = "/docs/";

  private final ApiKeys keys;
  private final Set<String> openPaths;
  private final RequestRates rates;

  private ApiKeyAuth(ApiKeys keys, Set<String> openPaths, RequestRates rates) {
    this.keys = keys;
    this.openPaths = openPaths;
    this.rates = rates;
  }

  static ApiKeyAuth forContract(OpenAPIContract contract, Access access) {
    return withOpenPaths(openPaths(contract), access);
  }

  /** For a worker-only node, which serves no contract: its health is open, its metrics and cluster state not. */
  static ApiKeyAuth withOpenPaths(Set<String> openPaths, Access access) {
    return new ApiKeyAuth(access.apiKeys(), openPaths, new RequestRates(access.requestsPerSecond()));
  }

  /** The paths of the operations that the contract lets anyone call. */
  static Set<String> openPaths(OpenAPIContract contract) {
    return contract.operations().stream()
        .filter(ApiKeyAuth::isOpen)
        .map(Operation::getOpenAPIPath)
        .collect(Collectors.toUnmodifiableSet());
  }

  static boolean isOpen(Operation operation) {
    List<SecurityRequirement> requirements = operation.getSecurityRequirements();
    return requirements.isEmpty() || requirements.stream().anyMatch(SecurityRequirement::isEmpty);
  }

  /** Who sent the request; the anonymous caller when keys are off or the path is open. */
  static Caller caller(RoutingContext ctx) {
    Caller caller = ctx.get(CALLER);
    return caller == null ? Caller.ANONYMOUS : caller;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!keys.enabled() || isOpenPath(ctx.normalizedPath())) {
      ctx.put(CALLER, Caller.ANONYMOUS);
      ctx.next();
      return;
    }
    Optional<String> presented = presentedKey(ctx.request());
    Optional<Caller> caller = presented.flatMap(keys::callerOf);
    if (caller.isEmpty()) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"doc-parser-service\"");
      ctx.fail(new ServiceException(ErrorCode.UNAUTHORIZED, presented.isEmpty()
          ? "this endpoint needs an API key: send 'Authorization: Bearer <key>' or '" + API_KEY_HEADER + ": <key>'"
          : "the API key is not valid"));
      return;
    }
    if (!rates.tryAcquire(caller.get().id())) {
      ctx.fail(new ServiceException(ErrorCode.RATE_LIMITED, "this API key has made more requests per second than"
          + " it may; try again in a second"));
      return;
    }
    ctx.put(CALLER, caller.get());
    ctx.next();
  }

  private boolean isOpenPath(String path) {
    return openPaths.contains(path) || path.startsWith(DOCS_ASSETS) || path.startsWith(DashboardRoutes.ASSETS);
  }

  private static Optional<String> presentedKey(HttpServerRequest request) {
    String header = request.getHeader(API_KEY_HEADER);
    if (header != null && !header.isBlank()) {
      return Optional.of(header.trim());
    }
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
      String token = authorization.substring(BEARER.length()).trim();
      return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
    return Optional.empty();
  }
}
