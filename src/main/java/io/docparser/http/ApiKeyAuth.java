package io.docparser.http;

import io.docparser.api.Caller;
import io.docparser.api.ErrorCode;
import io.docparser.api.OwnerIds;
import io.docparser.api.ServiceException;
import io.docparser.config.Access;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.SecurityRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Authentication, the kind of key each route needs, and the per-key request rate, for every route. openapi.yaml
 * declares the rules: two schemes (a bearer token and an {@code X-API-Key} header), required everywhere except the
 * operations marked {@code security: []}, and, with {@code x-docparser-key}, the operations that take an operator key
 * ({@code operator}) or either kind ({@code any}); all others take a tenant key. vertx-openapi would enforce
 * {@code http bearer} only with a JWT handler, so this one handler enforces the rules for every route instead, read
 * from the contract itself, so that what is declared and what is enforced cannot drift apart; the files that the
 * open pages load (Swagger UI's, the dashboard's) are open too. It runs before any body is read: a caller without a
 * key uploads nothing.
 */
final class ApiKeyAuth implements PlatformHandler {

  /** What a route asks of a request's key. */
  enum Needs { NOTHING, TENANT_KEY, OPERATOR_KEY, ANY_KEY }

  /** A route and what it needs; a request that no rule names needs a tenant key. */
  record Rule(RoutePattern route, Needs needs) {
  }

  static final String API_KEY_HEADER = "X-API-Key";
  static final String KEY_EXTENSION = "x-docparser-key";
  private static final String CALLER = "docparser.caller";
  private static final String KEY_ID = "docparser.keyId";
  private static final String BEARER = "bearer ";

  private final Access access;
  private final OwnerIds owners;
  private final List<Rule> rules;
  private final RequestRates rates;

  private ApiKeyAuth(Access access, OwnerIds owners, List<Rule> rules) {
    this.access = access;
    this.owners = owners;
    this.rules = List.copyOf(rules);
    this.rates = new RequestRates(access.requestsPerSecond());
  }

  /**
   * @param owners           names the caller of a key in job records (and its share of the rate limit and the caps)
   * @param openFilePrefixes paths below which the open pages' files are served (with GET, to anyone)
   */
  static ApiKeyAuth forContract(OpenAPIContract contract, Access access, OwnerIds owners,
      List<String> openFilePrefixes) {
    List<Rule> rules = new ArrayList<>();
    JsonObject paths = contract.getRawContract().getJsonObject("paths");
    for (Operation operation : contract.operations()) {
      JsonObject declared = paths.getJsonObject(operation.getOpenAPIPath())
          .getJsonObject(operation.getHttpMethod().name().toLowerCase(Locale.ROOT));
      rules.add(new Rule(RoutePattern.of(operation.getHttpMethod(), operation.getOpenAPIPath()),
          needs(operation, declared.getString(KEY_EXTENSION))));
    }
    openFilePrefixes.forEach(prefix -> rules.add(new Rule(RoutePattern.files(prefix), Needs.NOTHING)));
    return new ApiKeyAuth(access, owners, rules);
  }

  /** For a worker-only node, which serves no contract. */
  static ApiKeyAuth forRules(List<Rule> rules, Access access, OwnerIds owners) {
    return new ApiKeyAuth(access, owners, rules);
  }

  /** Whether the contract lets anyone call the operation ({@code security: []}). */
  static boolean isOpen(Operation operation) {
    List<SecurityRequirement> requirements = operation.getSecurityRequirements();
    return requirements.isEmpty() || requirements.stream().anyMatch(SecurityRequirement::isEmpty);
  }

  private static Needs needs(Operation operation, String keyKind) {
    if (isOpen(operation)) {
      return Needs.NOTHING;
    }
    if (keyKind == null) {
      return Needs.TENANT_KEY;
    }
    return switch (keyKind) {
      case "operator" -> Needs.OPERATOR_KEY;
      case "any" -> Needs.ANY_KEY;
      default -> throw new IllegalStateException(operation.getOperationId() + " declares " + KEY_EXTENSION + ": "
          + keyKind + "; the contract knows 'operator' and 'any'");
    };
  }

  /** Who sent the request: the owner of the jobs it submits; the anonymous caller without a tenant key. */
  static Caller caller(RoutingContext ctx) {
    Caller caller = ctx.get(CALLER);
    return caller == null ? Caller.ANONYMOUS : caller;
  }

  /** The key the request was made with, as an id that names it without holding it; empty without a key. */
  static Optional<String> keyId(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(KEY_ID));
  }

  @Override
  public void handle(RoutingContext ctx) {
    Needs needs = access.keysRequired() ? needsOf(ctx.request().method(), ctx.normalizedPath()) : Needs.NOTHING;
    if (needs == Needs.NOTHING) {
      ctx.put(CALLER, Caller.ANONYMOUS);
      ctx.next();
      return;
    }
    Optional<String> presented = presentedKey(ctx.request());
    if (presented.isEmpty()) {
      refuseUnauthenticated(ctx, "this endpoint needs an API key: send 'Authorization: Bearer <key>' or '"
          + API_KEY_HEADER + ": <key>'");
      return;
    }
    boolean tenant = access.apiKeys().accepts(presented.get());
    boolean operator = access.operatorKeys().accepts(presented.get());
    if (!tenant && !operator) {
      refuseUnauthenticated(ctx, "the API key is not valid");
      return;
    }
    if (needs == Needs.TENANT_KEY && !tenant) {
      ctx.fail(new ServiceException(ErrorCode.FORBIDDEN, ctx.normalizedPath() + " needs a tenant key (one of "
          + "DOCPARSER_API_KEYS); this is an operator key, which reads /metrics and /cluster only"));
      return;
    }
    if (needs == Needs.OPERATOR_KEY && !operator) {
      ctx.fail(new ServiceException(ErrorCode.FORBIDDEN, ctx.normalizedPath() + " needs an operator key (one of "
          + "DOCPARSER_OPERATOR_KEYS); this is a tenant key"));
      return;
    }
    String keyId = owners.of(presented.get());
    if (!rates.tryAcquire(keyId)) {
      ctx.fail(new ServiceException(ErrorCode.RATE_LIMITED, "this API key has made more requests per second than"
          + " it may; try again in a second"));
      return;
    }
    ctx.put(CALLER, tenant ? new Caller(keyId) : Caller.ANONYMOUS);
    ctx.put(KEY_ID, keyId);
    ctx.next();
  }

  private Needs needsOf(HttpMethod method, String path) {
    return rules.stream().filter(rule -> rule.route().serves(method, path)).map(Rule::needs).findFirst()
        .orElse(Needs.TENANT_KEY);
  }

  private static void refuseUnauthenticated(RoutingContext ctx, String message) {
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"doc-parser-service\"");
    ctx.fail(new ServiceException(ErrorCode.UNAUTHORIZED, message));
  }

  /**
   * The key the request presents, in either header. Two different keys are refused rather than one of them picked:
   * the caller would otherwise act as a key it did not mean, and a proxy that adds its own key could be overridden.
   */
  private static Optional<String> presentedKey(HttpServerRequest request) {
    Optional<String> header = Optional.ofNullable(request.getHeader(API_KEY_HEADER)).map(String::trim)
        .filter(key -> !key.isEmpty());
    Optional<String> bearer = Optional.ofNullable(request.getHeader("Authorization"))
        .filter(value -> value.toLowerCase(Locale.ROOT).startsWith(BEARER))
        .map(value -> value.substring(BEARER.length()).trim())
        .filter(token -> !token.isEmpty());
    if (header.isPresent() && bearer.isPresent() && !header.equals(bearer)) {
      throw new ServiceException(ErrorCode.INVALID_REQUEST, "the request presents two different API keys, one as "
          + "'Authorization: Bearer' and one as '" + API_KEY_HEADER + "'; send one key");
    }
    return header.or(() -> bearer);
  }
}
