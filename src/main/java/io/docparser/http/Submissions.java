package io.docparser.http;

import io.docparser.api.Caller;
import io.docparser.api.ErrorCode;
import io.docparser.api.ServiceException;
import io.docparser.jobs.DocumentContent;
import io.docparser.jobs.Job;
import io.docparser.jobs.JobService;
import io.docparser.jobs.SubmittedDocument;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code POST /submit} in each of its forms: JSON, multipart/form-data and raw bytes. */
final class Submissions {

  private static final String JSON = "application/json";
  private static final String MULTIPART = "multipart/form-data";
  private static final String RAW = "application/octet-stream";
  private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private static final Pattern USABLE_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

  private final Vertx vertx;
  private final JobService jobs;
  private final JsonSubmission json;
  private final MultipartSubmission multipart;
  private final RawUpload raw;
  private final UploadFiles uploads;

  Submissions(Vertx vertx, JobService jobs, UploadFiles uploads, long maxDocumentBytes, long maxBodyBytes) {
    this.vertx = vertx;
    this.jobs = jobs;
    this.uploads = uploads;
    this.json = new JsonSubmission(maxDocumentBytes, maxBodyBytes);
    this.multipart = new MultipartSubmission(maxDocumentBytes);
    this.raw = new RawUpload(vertx, uploads, maxDocumentBytes);
  }

  Future<Job> submit(RoutingContext ctx) {
    String key;
    try {
      key = idempotencyKey(ctx);
    } catch (ServiceException e) {
      return Future.failedFuture(e);
    }
    Caller caller = ApiKeyAuth.caller(ctx);
    return switch (mediaType(ctx)) {
      case JSON -> vertx.executeBlocking(
          () -> json.parse(ctx.body().buffer(), ctx.queryParams(), ctx.request().headers()), false)
          .compose(document -> jobs.submit(document, key, caller, RequestIds.of(ctx)));
      case MULTIPART -> vertx.executeBlocking(() -> multipart.parse(ctx.fileUploads(),
          ctx.request().formAttributes(), ctx.queryParams(), ctx.request().headers()), false)
          .compose(document -> jobs.submit(document, key, caller, RequestIds.of(ctx)));
      case RAW -> submitRaw(ctx, key, caller);
      default -> Future.failedFuture(new ServiceException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "Content-Type '" + mediaType(ctx) + "' is not accepted by /submit; send " + JSON + ", " + MULTIPART
              + " or " + RAW));
    };
  }

  private Future<Job> submitRaw(RoutingContext ctx, String key, Caller caller) {
    SubmitOptions.Options options;
    try {
      options = SubmitOptions.resolve(Map.of(), ctx.queryParams(), ctx.request().headers());
    } catch (ServiceException e) {
      return Future.failedFuture(e);
    }
    return raw.receive(ctx.request()).compose(content -> jobs.submit(document(content, options), key, caller,
            RequestIds.of(ctx))
        .eventually(() -> content instanceof DocumentContent.InFile inFile
            ? uploads.delete(inFile.file())
            : Future.succeededFuture()));
  }

  private static SubmittedDocument document(DocumentContent content, SubmitOptions.Options options) {
    return new SubmittedDocument(content, options.filename(), options.contentType(), options.outputFormat(),
        options.password());
  }

  /** The client's key for this submission: printable ASCII, so that it is safe in logs and as a map key. */
  private static String idempotencyKey(RoutingContext ctx) {
    String key = ctx.request().getHeader(IDEMPOTENCY_KEY);
    if (key == null) {
      return null;
    }
    if (!USABLE_KEY.matcher(key).matches()) {
      throw new ServiceException(ErrorCode.INVALID_REQUEST,
          IDEMPOTENCY_KEY + " must be 1 to 255 printable ASCII characters");
    }
    return key;
  }

  private static String mediaType(RoutingContext ctx) {
    String header = ctx.request().getHeader("Content-Type");
    return header == null ? "" : header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }
}
