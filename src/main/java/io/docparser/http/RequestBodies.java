package io.docparser.http;

import io.docparser.api.ErrorCode;
import io.docparser.api.ServiceException;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
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
  private static final String MULTIPART = "multipart/";
  /** Time a file part has, after its request ended, to be closed on disk; far more than a healthy part needs. */
  private static final long PART_CLOSE_GRACE_MS = 5_000;

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
      return;
    }
    if (hasType(ctx, MULTIPART)) {
      refuseIfNeverComplete(ctx);
    }
    bodies.handle(ctx);
  }

  static boolean isRawSubmission(RoutingContext ctx) {
    return ctx.request().method() == HttpMethod.POST && "/submit".equals(ctx.normalizedPath()) && hasType(ctx, RAW);
  }

  private static boolean hasType(RoutingContext ctx, String prefix) {
    String type = ctx.request().getHeader("Content-Type");
    return type != null && type.toLowerCase(Locale.ROOT).startsWith(prefix);
  }

  /**
   * The body handler hands a multipart body on only once every file part has ended, and a part whose closing
   * boundary never comes never ends (Vert.x issue 3134): the request would hang, its temp file open, until the
   * connection idles out. So once the request itself has ended, a body still not handed on after a grace period is
   * refused as malformed, then its unfinished part is closed and deleted (which fails the
   * part's stream once more, after the answer).
   */
  private static void refuseIfNeverComplete(RoutingContext ctx) {
    Route reading = ctx.currentRoute();
    ctx.request().end().onSuccess(ended -> ctx.vertx().setTimer(PART_CLOSE_GRACE_MS, timer -> {
      if (ctx.currentRoute() == reading && !ctx.response().ended() && !ctx.failed()) {
        ctx.fail(new ServiceException(ErrorCode.INVALID_REQUEST,
            "the multipart body ends inside a part: its closing boundary is missing"));
        ctx.cancelAndCleanupFileUploads();
      }
    }));
  }
}
