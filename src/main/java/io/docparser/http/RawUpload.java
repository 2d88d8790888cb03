package io.docparser.http;

import io.docparser.jobs.DocumentContent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;

/**
 * Streams a raw ({@code application/octet-stream}) request body to a temp file, never holding it whole in
 * memory. The size is checked as the bytes come: a body over the limit is refused with 413 as soon as it passes
 * the limit (at once when its Content-Length says so), not after it has been read.
 */
final class RawUpload {

  private final Vertx vertx;
  private final UploadFiles files;
  private final long maxDocumentBytes;

  RawUpload(Vertx vertx, UploadFiles files, long maxDocumentBytes) {
    this.vertx = vertx;
    this.files = files;
    this.maxDocumentBytes = maxDocumentBytes;
  }

  /** The body in a temp file, which the caller deletes when the request is done (this class, if it fails). */
  Future<DocumentContent.InFile> receive(HttpServerRequest request) {
    String declared = request.getHeader("Content-Length");
    if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > maxDocumentBytes) {
      return Future.failedFuture(SubmitOptions.tooLarge(Long.parseLong(declared), maxDocumentBytes));
    }
    request.pause();
    return files.newFile().compose(file -> writeTo(request, file)
        .onFailure(failed -> files.delete(file)));
  }

  private Future<DocumentContent.InFile> writeTo(HttpServerRequest request, Path file) {
    return vertx.fileSystem().open(file.toString(), new OpenOptions().setWrite(true).setTruncateExisting(true))
        .compose(out -> copy(request, out).eventually(out::close))
        .compose(size -> size == 0
            ? Future.failedFuture(SubmitOptions.empty())
            : Future.succeededFuture(new DocumentContent.InFile(file, size)));
  }

  private Future<Long> copy(HttpServerRequest request, AsyncFile out) {
    Promise<Long> done = Promise.promise();
    long[] size = {0};
    request.handler(chunk -> {
      size[0] += chunk.length();
      if (size[0] > maxDocumentBytes) {
        request.pause();
        done.tryFail(SubmitOptions.tooLarge(size[0], maxDocumentBytes));
        return;
      }
      out.write(chunk);
      if (out.writeQueueFull()) {
        request.pause();
        out.drainHandler(drained -> request.resume());
      }
    });
    request.exceptionHandler(done::tryFail);
    out.exceptionHandler(done::tryFail);
    request.endHandler(ended -> out.flush().onComplete(flushed -> {
      if (flushed.succeeded()) {
        done.tryComplete(size[0]);
      } else {
        done.tryFail(flushed.cause());
      }
    }));
    request.resume();
    return done.future();
  }
}
