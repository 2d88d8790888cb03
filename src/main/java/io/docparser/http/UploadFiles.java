package io.docparser.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The directory uploads are streamed to. Each file lives only while its request does: multipart parts are deleted
 * by the body handler when the response ends, raw uploads by the route that wrote them. Names are made here; a
 * client's file name never becomes part of a path.
 */
public final class UploadFiles {

  private final Vertx vertx;
  private final Path directory;

  private UploadFiles(Vertx vertx, Path directory) {
    this.vertx = vertx;
    this.directory = directory;
  }

  /** Creates the directory if needed; blocking, so call it off the event loop. */
  public static UploadFiles in(Vertx vertx, Path directory) {
    try {
      Files.createDirectories(directory);
      return new UploadFiles(vertx, directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the upload directory " + directory, e);
    }
  }

  public Path directory() {
    return directory;
  }

  Future<Path> newFile() {
    return vertx.fileSystem().createTempFile(directory.toString(), "upload-", ".part", (String) null).map(Path::of);
  }

  Future<Void> delete(Path file) {
    return vertx.fileSystem().delete(file.toString()).recover(missing -> Future.succeededFuture());
  }
}
