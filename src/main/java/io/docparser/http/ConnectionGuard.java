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
import java.util.Map;

/**
 * Bounds what clients hold of the HTTP server: connections from everyone and from each address, the time a
 * connection may take to send a whole request head (from its opening or its previous answer: a client that trickles
 * its headers in, or idles between requests, is cut off), and the time a request's body may take to arrive once its
 * head has. A connection past a limit gets its first request answered with 429 RATE_LIMITED and is then closed.
 * Confined to the HTTP server's event loop, where its connections and requests are handled.
 */
public final class ConnectionGuard implements PlatformHandler {

  private final Vertx vertx;
  private final ConnectionLimits limits;
  private final Map<HttpConnection, Held> connections = new HashMap<>();
  private final Map<String, Integer> perAddress = new HashMap<>();

  ConnectionGuard(Vertx vertx, ConnectionLimits limits) {
    this.vertx = vertx;
    this.limits = limits;
  }

  /** What the server holds for one connection. */
  private static final class Held {

    private final String address;
    private final boolean overLimit;
    private long headTimer = -1;

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
    awaitHead(connection, held);
  }

  /** Called for every request as its head arrives, before the router sees it. */
  void headArrived(HttpServerRequest request) {
    Held held = connections.get(request.connection());
    if (held != null && held.headTimer >= 0) {
      vertx.cancelTimer(held.headTimer);
      held.headTimer = -1;
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
      vertx.cancelTimer(bodyTimer);
      if (held != null && connections.containsKey(connection)) {
        awaitHead(connection, held);
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

  private void awaitHead(HttpConnection connection, Held held) {
    if (held.headTimer >= 0) {
      vertx.cancelTimer(held.headTimer);
    }
    held.headTimer = vertx.setTimer(limits.headerTimeoutMs(), fired -> {
      held.headTimer = -1;
      connection.close();
    });
  }

  private void closed(HttpConnection connection) {
    Held held = connections.remove(connection);
    if (held == null) {
      return;
    }
    if (held.headTimer >= 0) {
      vertx.cancelTimer(held.headTimer);
    }
    perAddress.computeIfPresent(held.address, (address, count) -> count <= 1 ? null : count - 1);
  }
}
