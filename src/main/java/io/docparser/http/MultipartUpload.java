package io.docparser.http;

import io.docparser.api.ErrorCode;
import io.docparser.api.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;

/**
 * Receives a multipart/form-data body: its one file part streamed to a temp file (bounded like a raw upload), its
 * fields kept as the HTTP server decodes them (bounded by {@link ServerLimits}). The first failure decides the
 * answer, whatever fails after it: a body the decoder cannot read (a field over the limits, even after the file
 * part) is a 400, never the failure of a file write that the refusal cut short. A file whose part never ends (its
 * closing boundary missing) is refused once the request has ended and the part has stayed open for a grace
 * period, instead of holding the request and its temp file until the connection idles out. A refused form leaves
 * no temp file behind, whatever state its file part was in.
 */
final class MultipartUpload {

  static final String FILE_PART = "file";
  /** Time a file part has, after its request ended, to reach its end in the file; far more than a healthy part needs. */
  private static final long PART_CLOSE_GRACE_MS = 5_000;

  private final Vertx vertx;
  private final UploadFiles files;
  private final long maxDocumentBytes;

  MultipartUpload(Vertx vertx, UploadFiles files, long maxDocumentBytes) {
    this.vertx = vertx;
    this.files = files;
    this.maxDocumentBytes = maxDocumentBytes;
  }

  /** A received form: its file part (null when it had none) and its fields. */
  record Form(FilePart file, MultiMap fields) {
  }

  /** A file part as received, in its temp file, which the caller deletes when the request is done. */
  record FilePart(Path path, long size, String filename, String contentType) {
  }

  /** @param request paused, its body not read yet, with a Content-Type that {@link MultipartBoundary} accepted */
  Future<Form> receive(HttpServerRequest request) {
    return new Reception(request).start();
  }

  private final class Reception {

    private final HttpServerRequest request;
    private final Promise<Form> done = Promise.promise();
    private Part part;
    private boolean requestEnded;

    Reception(HttpServerRequest request) {
      this.request = request;
    }

    Future<Form> start() {
      request.setExpectMultipart(true);
      request.uploadHandler(this::onPart);
      request.exceptionHandler(failure -> done.tryFail(malformed()));
      request.endHandler(ended -> onRequestEnd());
      request.resume();
      return done.future().onFailure(refused -> {
        if (part != null) {
          part.discard();
        }
      });
    }

    private void onPart(HttpServerFileUpload upload) {
      if (!FILE_PART.equals(upload.name())) {
        done.tryFail(SubmitOptions.invalid("unknown file part " + SubmitOptions.quoted(upload.name())
            + "; send the document in the part '" + FILE_PART + "'"));
        return;
      }
      if (part != null) {
        done.tryFail(SubmitOptions.invalid("the form has more than one '" + FILE_PART
            + "' part; send one document per request"));
        return;
      }
      upload.pause();
      part = new Part(upload);
      part.receive().onSuccess(received -> complete()).onFailure(done::tryFail);
    }

    private void onRequestEnd() {
      requestEnded = true;
      complete();
      if (part != null && !part.isReceived()) {
        vertx.setTimer(PART_CLOSE_GRACE_MS, timer -> done.tryFail(SubmitOptions.invalid(
            "the multipart body ends inside a part: its closing boundary is missing")));
      }
    }

    private void complete() {
      if (!requestEnded) {
        return;
      }
      if (part == null) {
        done.tryComplete(new Form(null, request.formAttributes()));
      } else if (part.isReceived()) {
        done.tryComplete(new Form(part.received.result(), request.formAttributes()));
      }
    }

    private ServiceException malformed() {
      return new ServiceException(ErrorCode.INVALID_REQUEST, "the multipart body could not be decoded; a form may"
          + " have at most " + ServerLimits.MAX_FORM_FIELDS + " fields of at most " + ServerLimits.MAX_FORM_FIELD_BYTES
          + " bytes each, and one part '" + FILE_PART + "' holding the document");
    }
  }

  /** The file part: its temp file is made, opened and filled in turn, and can be discarded at any of those steps. */
  private final class Part {

    private final HttpServerFileUpload upload;
    private Path path;
    private AsyncFile out;
    private FileCopy copy;
    private boolean discarded;
    private Future<FilePart> received;

    Part(HttpServerFileUpload upload) {
      this.upload = upload;
    }

    Future<FilePart> receive() {
      received = files.newFile()
          .compose(created -> {
            path = created;
            return discarded ? refused() : vertx.fileSystem().open(created.toString(),
                new OpenOptions().setWrite(true).setTruncateExisting(true));
          })
          .compose(opened -> {
            out = opened;
            if (discarded) {
              return refused();
            }
            copy = FileCopy.start(upload, opened, maxDocumentBytes,
                size -> SubmitOptions.tooLarge(size, maxDocumentBytes));
            return copy.result().eventually(this::close);
          })
          .map(size -> new FilePart(path, size, upload.filename(), upload.contentType()));
      received.onFailure(failed -> discard());
      return received;
    }

    boolean isReceived() {
      return received != null && received.succeeded();
    }

    void discard() {
      discarded = true;
      if (copy != null) {
        copy.abandon(refusal());
      }
      close().onComplete(closed -> {
        if (path != null) {
          files.delete(path);
        }
      });
    }

    private Future<Void> close() {
      AsyncFile file = out;
      out = null;
      return file == null ? Future.succeededFuture() : file.close().recover(failed -> Future.succeededFuture());
    }

    private <T> Future<T> refused() {
      return Future.failedFuture(refusal());
    }

    private ServiceException refusal() {
      return SubmitOptions.invalid("the form was refused while its file part was received");
    }
  }
}
