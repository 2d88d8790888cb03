package io.docparser.http;

import io.docparser.api.ErrorCode;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * Answers the requests the HTTP server could not decode (a request line or headers over {@link ServerLimits}, a
 * malformed request line or header), which never reach the router: with the API's error body and headers instead
 * of Vert.x's empty answer, then closes the connection, since the rest of its bytes cannot be trusted to frame
 * another request.
 */
final class InvalidRequests implements Handler<HttpServerRequest> {

  @Override
  public void handle(HttpServerRequest request) {
    ErrorCode code = classify(request.decoderResult().cause());
    SecurityHeaders.apply(request.response(), null);
    ErrorResponder.render(request.response(), RequestIds.idFor(request), code, message(code), true)
        .onComplete(answered -> request.connection().close());
  }

  /** As Vert.x's own handler of invalid requests tells them apart. */
  static ErrorCode classify(Throwable decodeFailure) {
    if (decodeFailure instanceof TooLongHttpLineException) {
      return ErrorCode.URI_TOO_LONG;
    }
    if (decodeFailure instanceof TooLongHttpHeaderException) {
      return ErrorCode.HEADERS_TOO_LARGE;
    }
    return ErrorCode.INVALID_REQUEST;
  }

  private static String message(ErrorCode code) {
    return switch (code) {
      case URI_TOO_LONG -> "the request line is longer than " + ServerLimits.MAX_REQUEST_LINE_BYTES
          + " bytes; send long values in the body";
      case HEADERS_TOO_LARGE -> "the request headers are larger than " + ServerLimits.MAX_HEADER_BYTES + " bytes";
      default -> "the request is not valid HTTP/1.1";
    };
  }
}
