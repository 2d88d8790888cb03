package io.docparser.http;

import io.docparser.api.ErrorCode;
import io.docparser.api.ServiceException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.Locale;
import java.util.Set;

/**
 * A node without keys, bound to loopback, trusts whoever can reach it: processes of this machine. A web page in the
 * machine's browser can reach it too, in two ways this handler closes. DNS rebinding: a page of an attacker's name
 * re-resolves that name to 127.0.0.1 and then reads the API as its own origin; its requests still name the
 * attacker's host, so only a {@code Host} that names the loopback address and this node's port is served (421
 * MISDIRECTED_REQUEST otherwise). Cross-site requests: a page may post a form here without any preflight, so a
 * browser request that says it comes from another site ({@code Sec-Fetch-Site}), or from another origin
 * ({@code Origin}), is refused (403 FORBIDDEN). Nodes with keys, or bound beyond loopback, do not use it.
 */
final class LoopbackOnly implements PlatformHandler {

  private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");
  private static final Set<String> OWN_SITE = Set.of("same-origin", "none");
  private static final int DEFAULT_HTTP_PORT = 80;

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String host = request.getHeader("Host");
    if (!namesThisNode(host, request.localAddress().port())) {
      ctx.fail(new ServiceException(ErrorCode.MISDIRECTED_REQUEST, "this node serves requests for its loopback"
          + " address only: Host must be localhost, 127.0.0.1 or [::1] with port " + request.localAddress().port()));
      return;
    }
    String site = request.getHeader("Sec-Fetch-Site");
    String origin = request.getHeader("Origin");
    if (site != null && !OWN_SITE.contains(site.toLowerCase(Locale.ROOT))
        || origin != null && !origin.equalsIgnoreCase("http://" + host)) {
      ctx.fail(new ServiceException(ErrorCode.FORBIDDEN, "a request from another web site is refused: this node has"
          + " no API keys, so only its own pages and programs on this machine may call it"));
      return;
    }
    ctx.next();
  }

  /** Whether {@code host} names a loopback address with this node's port (the port may be left out only if 80). */
  static boolean namesThisNode(String host, int port) {
    if (host == null) {
      return false;
    }
    String name = host.toLowerCase(Locale.ROOT);
    int colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf(']')) {
      return LOOPBACK_NAMES.contains(name.substring(0, colon)) && name.substring(colon + 1).equals(String.valueOf(port));
    }
    return port == DEFAULT_HTTP_PORT && LOOPBACK_NAMES.contains(name);
  }
}
