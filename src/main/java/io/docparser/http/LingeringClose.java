package io.docparser.http;

import io.netty.channel.socket.DuplexChannel;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Ends a connection whose request body was left unread, once its answer is written, without reading that body. A
 * plain close would make the kernel reset the connection (unread bytes are waiting), and a reset makes the client
 * throw away the answer it has not read yet: the client would see a broken connection instead of its 413 or 401.
 * So the connection is first closed for sending only (the client reads the answer, then the end of the stream), and
 * closed whole a moment later; meanwhile nothing more is read from it. Vert.x has no half-close of its own, hence its
 * internal connection class here.
 */
final class LingeringClose {

  /** Long enough for a client to read an answer that has reached it; short enough not to hold the connection. */
  static final long LINGER_MS = 2_000;

  private LingeringClose() {
  }

  static void close(Vertx vertx, HttpConnection connection) {
    if (connection instanceof ConnectionBase base && base.channel() instanceof DuplexChannel channel) {
      channel.shutdownOutput().addListener(shut -> vertx.setTimer(LINGER_MS, timer -> connection.close()));
    } else {
      connection.close();
    }
  }
}
