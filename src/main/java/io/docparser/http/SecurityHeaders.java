package io.docparser.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The headers that make browsers treat every answer strictly, set on every response before any route runs, so that
 * error answers carry them too. Documents and their results are private, so nothing may be stored by a cache; API
 * answers are data, never a page, so they may load nothing and be framed by nothing. Only the two pages, Swagger UI
 * and the dashboard, load scripts and styles, and only from this origin: neither has an inline script or style.
 */
final class SecurityHeaders implements PlatformHandler {

  static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  /** Swagger UI draws its icons as data: images; both pages fetch their data from this origin. */
  static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  private static final List<String> PAGES = List.of("/docs", "/dashboard");

  @Override
  public void handle(RoutingContext ctx) {
    apply(ctx.response(), ctx.request().path());
    ctx.next();
  }

  /** Also for answers given outside the router, which have no routing context. */
  static void apply(HttpServerResponse response, String path) {
    MultiMap headers = response.headers();
    of(path).forEach(headers::set);
  }

  /** The headers, by name, of an answer to {@code path} (null for none known): for answers Vert.x never sees too. */
  static Map<String, String> of(String path) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Referrer-Policy", "no-referrer");
    headers.put("X-Frame-Options", "DENY");
    headers.put("Cache-Control", "no-store");
    headers.put("Content-Security-Policy", isPage(path) ? PAGE_POLICY : API_POLICY);
    return headers;
  }

  private static boolean isPage(String path) {
    return path != null && PAGES.stream().anyMatch(page -> path.equals(page) || path.startsWith(page + "/"));
  }
}
