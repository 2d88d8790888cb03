package io.docparser.http;

import io.docparser.api.ErrorCode;
import io.docparser.api.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads a JSON submission's body into memory, bounded: refused at once when its Content-Length is over the limit,
 * and as soon as the bytes pass it otherwise (a chunked body), never after the whole body was read.
 */
final class JsonBody {

  /** What a buffer starts with when the body's length is not declared. */
  private static final int INITIAL_BYTES = 64 * 1024;

  private JsonBody() {
  }

  /** @param request paused, its body not read yet */
  static Future<Buffer> read(HttpServerRequest request, long maxBytes) {
    long declared = RequestBodies.declaredLength(request);
    if (declared > maxBytes) {
      return Future.failedFuture(tooLarge(maxBytes));
    }
    Buffer body = Buffer.buffer((int) Math.min(declared >= 0 ? declared : INITIAL_BYTES, maxBytes));
    Promise<Buffer> read = Promise.promise();
    request.handler(chunk -> {
      if (body.length() + (long) chunk.length() > maxBytes) {
        request.pause();
        read.tryFail(tooLarge(maxBytes));
        return;
      }
      body.appendBuffer(chunk);
    });
    request.exceptionHandler(read::tryFail);
    request.endHandler(ended -> read.tryComplete(body));
    request.resume();
    return read.future();
  }

  private static ServiceException tooLarge(long maxBytes) {
    return new ServiceException(ErrorCode.PAYLOAD_TOO_LARGE, "a JSON submission may have at most " + maxBytes
        + " bytes (the largest document, base64-encoded, and its fields); send larger documents as multipart or raw"
        + " bytes");
  }
}
