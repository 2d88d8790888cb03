package io.docparser.http;

import io.docparser.jobs.DocumentContent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;

/**
 * Receives a raw ({@code application/octet-stream}) request body. A body whose Content-Length is at most 64 KiB is
 * read into memory, which spares a small document a temp file and five trips to the file system (a thousand such
 * uploads at once hold 64 MiB); any other body is streamed to a temp file, never held whole in memory. The size is
 * checked as the bytes come: a body over the limit is refused with 413 as soon as it passes the limit (at once when
 * its Content-Length says so), not after it has been read.
 */
final class RawUpload {

  static final long IN_MEMORY_BYTES = 64 * 1024;

  private final Vertx vertx;
  private final UploadFiles files;
  private final long maxDocumentBytes;

  RawUpload(Vertx vertx, UploadFiles files, long maxDocumentBytes) {
    this.vertx = vertx;
    this.files = files;
    this.maxDocumentBytes = maxDocumentBytes;
  }

  /**
   * The body, in memory or in a temp file; the caller deletes the file when the request is done (this class, if
   * it fails).
   *
   * @param request paused, its body not read yet
   */
  Future<DocumentContent> receive(HttpServerRequest request) {
    long declared = RequestBodies.declaredLength(request);
    if (declared > maxDocumentBytes) {
      return Future.failedFuture(SubmitOptions.tooLarge(declared, maxDocumentBytes));
    }
    if (declared >= 0 && declared <= IN_MEMORY_BYTES) {
      Future<DocumentContent> body = request.body().compose(bytes -> bytes.length() == 0
          ? Future.failedFuture(SubmitOptions.empty())
          : Future.succeededFuture(new DocumentContent.InMemory(bytes.getBytes())));
      request.resume();
      return body;
    }
    return files.newFile().compose(file -> writeTo(request, file)
        .onFailure(failed -> files.delete(file)));
  }

  private Future<DocumentContent> writeTo(HttpServerRequest request, Path file) {
    return vertx.fileSystem().open(file.toString(), new OpenOptions().setWrite(true).setTruncateExisting(true))
        .compose(out -> FileCopy.start(request, out, maxDocumentBytes,
            size -> SubmitOptions.tooLarge(size, maxDocumentBytes)).result().eventually(out::close))
        .compose(size -> size == 0
            ? Future.failedFuture(SubmitOptions.empty())
            : Future.succeededFuture(new DocumentContent.InFile(file, size)));
  }
}
