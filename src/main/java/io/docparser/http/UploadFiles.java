package io.docparser.http;

import io.docparser.config.ConfigKey;
import io.docparser.config.PrivateDirectories;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
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

  /**
   * Makes the directory private to this node, creating it if needed (see {@link PrivateDirectories}); blocking, so
   * call it off the event loop. Raw uploads are written 0600; multipart parts, which Vert.x writes with the process's
   * umask, are kept from other users by the directory's 0700.
   */
  public static UploadFiles in(Vertx vertx, Path directory) {
    return new UploadFiles(vertx, PrivateDirectories.require(directory, ConfigKey.UPLOAD_DIR));
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
