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
 * as they arrive, and the copy fails at the first byte past the limit, not after the whole body has been read. Once
 * the copy has ended, for whatever reason, the bytes that still arrive are dropped: the file may be closed by then.
 */
final class FileCopy {

  private final ReadStream<Buffer> source;
  private final AsyncFile file;
  private final Promise<Long> done = Promise.promise();
  private long size;

  private FileCopy(ReadStream<Buffer> source, AsyncFile file) {
    this.source = source;
    this.file = file;
  }

  /**
   * @param source   paused by the caller until the file was open; resumed here
   * @param tooLarge the failure for a body of the given size, past {@code maxBytes}
   */
  static FileCopy start(ReadStream<Buffer> source, AsyncFile file, long maxBytes,
      LongFunction<? extends Throwable> tooLarge) {
    FileCopy copy = new FileCopy(source, file);
    source.handler(chunk -> copy.write(chunk, maxBytes, tooLarge));
    source.exceptionHandler(copy.done::tryFail);
    file.exceptionHandler(copy.done::tryFail);
    source.endHandler(ended -> copy.flush());
    source.resume();
    return copy;
  }

  /** The number of bytes copied, once they are all flushed to the file. */
  Future<Long> result() {
    return done.future();
  }

  /** Ends the copy with this failure, when the upload is refused for a reason of its own. */
  void abandon(Throwable reason) {
    source.pause();
    done.tryFail(reason);
  }

  private void write(Buffer chunk, long maxBytes, LongFunction<? extends Throwable> tooLarge) {
    if (isOver()) {
      return;
    }
    size += chunk.length();
    if (size > maxBytes) {
      abandon(tooLarge.apply(size));
      return;
    }
    file.write(chunk);
    if (file.writeQueueFull()) {
      source.pause();
      file.drainHandler(drained -> {
        if (!isOver()) {
          source.resume();
        }
      });
    }
  }

  private void flush() {
    if (isOver()) {
      return;
    }
    file.flush().onComplete(flushed -> {
      if (flushed.succeeded()) {
        done.tryComplete(size);
      } else {
        done.tryFail(flushed.cause());
      }
    });
  }

  private boolean isOver() {
    return done.future().isComplete();
  }
}
