package io.docparser.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * Serves {@code HEAD} wherever {@code GET} is served (RFC 9110, 9.3.2): the request is routed again as a GET, and the
 * HTTP server, which knows the request was a HEAD, sends the answer's head without its body. It runs first, so that
 * every other handler sees the request once.
 */
final class HeadRequests implements PlatformHandler {

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.request().method() != HttpMethod.HEAD) {
      ctx.next();
      return;
    }
    String query = ctx.request().query();
    ctx.reroute(HttpMethod.GET, ctx.request().path() + (query == null ? "" : "?" + query));
  }
}
