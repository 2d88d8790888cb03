package io.docparser.http;

import io.docparser.api.ErrorCode;
import io.docparser.api.ServiceException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.ArrayList;
import java.util.List;

/**
 * Only the operations that take a body (the submit operations, by the contract) read one, and only later, after
 * authentication: their request is paused here until then. A body sent anywhere else is answered from the request's
 * headers alone, before any byte of it is read: 413 where the path and method are served but take no body, 405
 * where the path is served with other methods, 404 where nothing is; the connection is then closed rather than read
 * to the end of a body nobody wants (see {@link ErrorResponder}). Without this, any request could make the node
 * buffer or store a body of any size, with no key. A transfer coding other than chunked (gzip, say) is refused too:
 * the body would otherwise be taken as the coded bytes.
 */
final class UnwantedBodies implements PlatformHandler {

  /** One route, and whether it takes a request body. */
  record Shape(RoutePattern route, boolean takesBody) {
  }

  private final List<Shape> routes;

  UnwantedBodies(List<Shape> routes) {
    this.routes = List.copyOf(routes);
  }

  /** The contract's operations, and the static files served with GET below {@code filePrefixes}. */
  static UnwantedBodies forContract(OpenAPIContract contract, List<String> filePrefixes) {
    List<Shape> routes = new ArrayList<>();
    for (Operation operation : contract.operations()) {
      routes.add(new Shape(RoutePattern.of(operation.getHttpMethod(), operation.getOpenAPIPath()),
          operation.getRequestBody() != null));
    }
    filePrefixes.forEach(prefix -> routes.add(new Shape(RoutePattern.files(prefix), false)));
    return new UnwantedBodies(routes);
  }

  /** Routes that take no body at all. */
  static UnwantedBodies forBodilessRoutes(List<RoutePattern> routes) {
    return new UnwantedBodies(routes.stream().map(route -> new Shape(route, false)).toList());
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String coding = request.getHeader("Transfer-Encoding");
    if (coding != null && !coding.trim().equalsIgnoreCase("chunked")) {
      ctx.fail(new ServiceException(ErrorCode.INVALID_REQUEST, "the only transfer coding this service reads is"
          + " chunked; send the body as it is"));
      return;
    }
    if (!RequestBodies.declaresBody(request)) {
      ctx.next();
      return;
    }
    String path = ctx.normalizedPath();
    List<Shape> served = routes.stream().filter(shape -> shape.route().servesPath(path)).toList();
    List<Shape> withMethod = served.stream().filter(shape -> shape.route().method().equals(request.method()))
        .toList();
    if (withMethod.stream().anyMatch(Shape::takesBody)) {
      request.pause();
      ctx.next();
    } else if (!withMethod.isEmpty()) {
      ctx.fail(new ServiceException(ErrorCode.PAYLOAD_TOO_LARGE,
          request.method() + " " + path + " takes no request body; send the request without one"));
    } else if (!served.isEmpty()) {
      ctx.fail(new ServiceException(ErrorCode.METHOD_NOT_ALLOWED, "this path does not take " + request.method()));
    } else {
      ctx.fail(new ServiceException(ErrorCode.NOT_FOUND, "no such resource"));
    }
  }
}
