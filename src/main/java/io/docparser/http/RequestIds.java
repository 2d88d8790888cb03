package io.docparser.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request a correlation id: the client's {@code X-Request-Id} when it is usable, else a new one. The id
 * goes back in the response header and in error bodies, so a client can quote it when something went wrong.
 * A platform handler, so that it runs first: even a body that is too large gets its answer with the id.
 */
public final class RequestIds implements PlatformHandler {

  public static final String HEADER = "X-Request-Id";
  private static final String KEY = "docparser.requestId";
  /** Short and plain, so that a client cannot inject anything into logs or headers through it. */
  private static final Pattern USABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  @Override
  public void handle(RoutingContext ctx) {
    String id = idFor(ctx.request());
    ctx.put(KEY, id);
    ctx.response().putHeader(HEADER, id);
    ctx.next();
  }

  /** The client's id when it is usable, else a new one. */
  static String idFor(HttpServerRequest request) {
    return idFor(request.getHeader(HEADER));
  }

  /** The offered id when it is usable (it may be null), else a new one. */
  static String idFor(String offered) {
    return offered != null && USABLE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
  }

  /** The request's id; one is made if the request never passed through this handler. */
  public static String of(RoutingContext ctx) {
    String id = ctx.get(KEY);
    if (id == null) {
      id = UUID.randomUUID().toString();
      ctx.put(KEY, id);
      ctx.response().putHeader(HEADER, id);
    }
    return id;
  }
}
