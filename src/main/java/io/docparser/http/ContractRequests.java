package io.docparser.http;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;
import java.util.HashMap;
import java.util.Map;

/**
 * Hands the contract's validator the parameters of a request, in place of vertx-openapi 5.0.7's own extractor, which
 * gets three things wrong: it percent-decodes header values (so {@code X-Request-Id: 100%} throws, a 500), it decodes
 * the query where a broken escape throws (another 500; {@link RequestTargets} refuses those first), and its
 * validator reads every value as JSON first, so a string parameter that looks like a number ({@code 1.5},
 * {@code -1}) fails as "type number". Here headers are taken as sent, and a string parameter is handed over as a
 * JSON string, which the validator reads back as exactly that string. The operations validated this way take no
 * request body ({@code /submit} reads and checks its own), so none is read.
 */
final class ContractRequests implements RequestExtractor {

  @Override
  public Future<ValidatableRequest> extractValidatableRequest(RoutingContext ctx, Operation operation) {
    Map<String, RequestParameter> headers = new HashMap<>();
    Map<String, RequestParameter> path = new HashMap<>();
    Map<String, RequestParameter> query = new HashMap<>();
    MultiMap queryParams = ctx.queryParams();
    for (Parameter parameter : operation.getParameters()) {
      String name = parameter.getName();
      switch (parameter.getIn()) {
        case HEADER -> headers.put(name, value(parameter, ctx.request().getHeader(name)));
        case PATH -> path.put(name, value(parameter, ctx.pathParam(name)));
        case QUERY -> query.put(name, value(parameter, queryParams.get(name)));
        default -> {
          // The contract declares no cookie parameters.
        }
      }
    }
    return Future.succeededFuture(new ValidatableRequestImpl(Map.of(), headers, path, query));
  }

  private static RequestParameter value(Parameter parameter, String raw) {
    if (raw == null) {
      return new RequestParameterImpl(null);
    }
    return new RequestParameterImpl(parameter.getSchemaType() == SchemaType.STRING ? Json.encode(raw) : raw);
  }
}
