package io.docparser.http;

import io.docparser.api.ErrorCode;
import io.docparser.api.ServiceException;
import io.docparser.config.ConnectionLimits;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bounds what clients hold of the HTTP server: connections from everyone and from each address, the time a
 * connection may take to send a whole request head (from its opening or its previous answer: a client that trickles
 * its headers in, or idles between requests, is cut off), and the time a request's body may take to arrive once its
 * head has. A connection past a limit gets its first request answered with 429 RATE_LIMITED and is then closed.
 * Confined to the HTTP server's event loop, where its connections and requests are handled.
 */
public final class ConnectionGuard implements PlatformHandler {

  /** How often idle and slow connections are looked for: the header deadline is kept to within this much. */
  private static final long SWEEP_MS = 1_000;

  private final Vertx vertx;
  private final ConnectionLimits limits;
  private final Map<HttpConnection, Held> connections = new HashMap<>();
  private final Map<String, Integer> perAddress = new HashMap<>();

  /** Call on the event loop of the HTTP server it guards; its sweep ends with that verticle. */
  ConnectionGuard(Vertx vertx, ConnectionLimits limits) {
    this.vertx = vertx;
    this.limits = limits;
    vertx.setPeriodic(Math.min(SWEEP_MS, limits.headerTimeoutMs() / 2), sweep -> closeThoseWithoutAHead());
  }

  /**
   * What the server holds for one connection. A connection waits for a request head from its opening and from each
   * answer on; one sweep closes every connection that has waited too long, rather than a timer set and cancelled per
   * request.
   */
  private static final class Held {

    private final String address;
    private final boolean overLimit;
    /** Since when, in milliseconds of {@link System#nanoTime()}, it waits for a head; -1 while a request runs. */
    private long awaitingHeadSince = nowMs();

    Held(String address, boolean overLimit) {
      this.address = address;
      this.overLimit = overLimit;
    }
  }

  void opened(HttpConnection connection) {
    String address = connection.remoteAddress().hostAddress();
    int fromAddress = perAddress.merge(address, 1, Integer::sum);
    Held held = new Held(address, connections.size() >= limits.maxConnections()
        || fromAddress > limits.maxConnectionsPerAddress());
    connections.put(connection, held);
    connection.closeHandler(closed -> closed(connection));
    FramingGuard.install(connection);
  }

  /** Called for every request as its head arrives, before the router sees it. */
  void headArrived(HttpServerRequest request) {
    Held held = connections.get(request.connection());
    if (held != null) {
      held.awaitingHeadSince = -1;
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpConnection connection = ctx.request().connection();
    Held held = connections.get(connection);
    long bodyTimer = RequestBodies.declaresBody(ctx.request())
        ? vertx.setTimer(limits.bodyTimeoutMs(), fired -> bodyTooSlow(ctx))
        : -1;
    ctx.addEndHandler(ended -> {
      if (bodyTimer >= 0) {
        vertx.cancelTimer(bodyTimer);
      }
      if (held != null) {
        held.awaitingHeadSince = nowMs();
      }
    });
    if (held != null && held.overLimit) {
      ctx.addEndHandler(ended -> connection.close());
      ctx.fail(new ServiceException(ErrorCode.RATE_LIMITED, "this node holds as many connections as it may ("
          + limits.maxConnections() + " in all, " + limits.maxConnectionsPerAddress() + " from one address); reuse"
          + " a connection, or try again shortly"));
      return;
    }
    ctx.next();
  }

  private void bodyTooSlow(RoutingContext ctx) {
    if (!ctx.request().isEnded() && !ctx.response().ended()) {
      ctx.fail(new ServiceException(ErrorCode.REQUEST_TIMEOUT, "the request body did not arrive within "
          + limits.bodyTimeoutMs() / 1000 + " seconds"));
    }
  }

  private void closeThoseWithoutAHead() {
    long now = nowMs();
    List<HttpConnection> late = connections.entrySet().stream()
        .filter(held -> held.getValue().awaitingHeadSince >= 0
            && now - held.getValue().awaitingHeadSince > limits.headerTimeoutMs())
        .map(Map.Entry::getKey)
        .toList();
    late.forEach(HttpConnection::close);
  }

  private void closed(HttpConnection connection) {
    Held held = connections.remove(connection);
    if (held != null) {
      perAddress.computeIfPresent(held.address, (address, count) -> count <= 1 ? null : count - 1);
    }
  }

  private static long nowMs() {
    return System.nanoTime() / 1_000_000;
  }
}
