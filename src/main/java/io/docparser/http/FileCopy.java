package io.docparser.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.streams.ReadStream;
import java.util.function.LongFunction;

/**
 * Copies an upload's bytes (a raw body, or a multipart file part) into its temp file as they come, never holding
 * more than the file's write queue in memory: the source is paused while the queue is full. The bytes are counted
 * as they arrive, and the copy fails at the first byte past the limit, not after the whole body has been read.
 */
final class FileCopy {

  private FileCopy() {
  }

  /**
   * @param source   paused by the caller until the file was open; resumed here
   * @param tooLarge the failure for a body of the given size, past {@code maxBytes}
   * @return the number of bytes copied, once they are all flushed to the file
   */
  static Future<Long> copy(ReadStream<Buffer> source, AsyncFile file, long maxBytes,
      LongFunction<? extends Throwable> tooLarge) {
    Promise<Long> done = Promise.promise();
    long[] size = {0};
    source.handler(chunk -> {
      size[0] += chunk.length();
      if (size[0] > maxBytes) {
        source.pause();
        done.tryFail(tooLarge.apply(size[0]));
        return;
      }
      file.write(chunk);
      if (file.writeQueueFull()) {
        source.pause();
        file.drainHandler(drained -> source.resume());
      }
    });
    source.exceptionHandler(done::tryFail);
    file.exceptionHandler(done::tryFail);
    source.endHandler(ended -> file.flush().onComplete(flushed -> {
      if (flushed.succeeded()) {
        done.tryComplete(size[0]);
      } else {
        done.tryFail(flushed.cause());
      }
    }));
    source.resume();
    return done.future();
  }
}
