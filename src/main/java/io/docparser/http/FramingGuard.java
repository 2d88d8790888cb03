package io.docparser.http;

import io.docparser.api.ErrorCode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.nio.charset.StandardCharsets;

/**
 * Sits in each connection's Netty pipeline between the HTTP decoder and Vert.x, for two requests that Vert.x 5.0.7
 * answers badly where no handler of the service can step in. A request line naming a version other than HTTP/1.0 and
 * 1.1 ({@code HTTP/2.0}, {@code HTTPS/1.1}) gets a bare 501 from Vert.x: here it is marked as not decoded, so it reaches
 * {@link InvalidRequests} and gets the API's 400. A body whose chunked framing breaks after its request was accepted
 * (a chunk size that is not hex, a chunk longer than it says) makes Vert.x close the connection at once, without a
 * word: here the client gets a 400 with the error body first, when no answer has begun yet. Either way the connection
 * ends, as its remaining bytes cannot be framed.
 */
final class FramingGuard extends ChannelDuplexHandler {

  private static final String NAME = "docparser-framing";
  /** The handler Vert.x's HTTP/1.x server pipeline ends with, its connection's. */
  private static final String VERTX_HANDLER = "handler";

  /** The request whose body is arriving: its id and path are read only if its body breaks. */
  private HttpRequest current;
  private boolean answerBegun;

  /** Puts a guard into the connection's pipeline; Vert.x offers no hook of its own, hence its internal class. */
  static void install(HttpConnection connection) {
    if (connection instanceof ConnectionBase base && base.channelHandlerContext().pipeline().get(VERTX_HANDLER) != null) {
      base.channelHandlerContext().pipeline().addBefore(VERTX_HANDLER, NAME, new FramingGuard());
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request) {
      current = request;
      answerBegun = false;
      if (request.decoderResult().isSuccess() && !isSupported(request.protocolVersion())) {
        request.setDecoderResult(DecoderResult.failure(new IllegalArgumentException("unsupported HTTP version")));
      }
    } else if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
      ReferenceCountUtil.release(content);
      refuseBrokenBody(ctx);
      return;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse) {
      answerBegun = true;
    }
    ctx.write(msg, promise);
  }

  /** Vert.x knows only these two: it compares by identity, so a version spelt another way is neither. */
  private static boolean isSupported(HttpVersion version) {
    return version == HttpVersion.HTTP_1_0 || version == HttpVersion.HTTP_1_1;
  }

  private void refuseBrokenBody(ChannelHandlerContext ctx) {
    if (answerBegun) {
      // The answer may still wait in the channel, unflushed: a bare close would throw it away.
      ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    answerBegun = true;
    String requestId = RequestIds.idFor(current == null ? null : current.headers().get(RequestIds.HEADER));
    String path = current == null ? null : current.uri();
    byte[] body = ErrorResponder.body(ErrorCode.INVALID_REQUEST, "the request body's chunked framing is broken",
        requestId).encode().getBytes(StandardCharsets.UTF_8);
    FullHttpResponse answer = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
        Unpooled.wrappedBuffer(body));
    SecurityHeaders.of(path).forEach(answer.headers()::set);
    answer.headers()
        .set(RequestIds.HEADER, requestId)
        .set(HttpHeaderNames.CONTENT_TYPE, JsonAnswers.MEDIA_TYPE)
        .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
        .set(HttpHeaderNames.CONNECTION, "close");
    ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
  }
}
