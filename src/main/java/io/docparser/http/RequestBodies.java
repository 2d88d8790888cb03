package io.docparser.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.Locale;

/**
 * Reads request bodies, bounded: JSON and forms through Vert.x's body handler (multipart file parts go to the
 * upload directory and are deleted when the response ends), raw uploads to /submit left to {@link RawUpload},
 * which streams them to a file instead of memory.
 */
final class RequestBodies implements PlatformHandler {

  private static final String RAW = "application/octet-stream";

  private final BodyHandler bodies;

  RequestBodies(UploadFiles uploads, long maxBodyBytes) {
    this.bodies = BodyHandler.create(uploads.directory().toString())
        .setBodyLimit(maxBodyBytes)
        .setDeleteUploadedFilesOnEnd(true)
        .setMergeFormAttributes(false);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (isRawSubmission(ctx)) {
      ctx.next();
    } else {
      bodies.handle(ctx);
    }
  }

  static boolean isRawSubmission(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    return ctx.request().method() == HttpMethod.POST && "/submit".equals(ctx.normalizedPath())
        && type != null && type.toLowerCase(Locale.ROOT).startsWith(RAW);
  }
}
