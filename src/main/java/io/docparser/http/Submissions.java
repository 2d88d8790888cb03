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
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The submit operations in each of their forms: JSON, multipart/form-data and raw bytes. Everything the headers and
 * the query can tell is checked before the body is read (its media type, the idempotency key, the options in the
 * query, a multipart boundary), and only then is the body read: a refused submission is answered without reading it.
 * A client that waits for {@code 100 Continue} gets it only then.
 */
final class Submissions {

  /** The forms a submission comes in, by the media type of its body. */
  enum Form {
    JSON("application/json"),
    MULTIPART("multipart/form-data"),
    RAW("application/octet-stream");

    private final String mediaType;

    Form(String mediaType) {
      this.mediaType = mediaType;
    }

    static Optional<Form> of(String mediaType) {
      return Arrays.stream(values()).filter(form -> form.mediaType.equals(mediaType)).findFirst();
    }
  }

  /** The submit operations of the contract: which forms each takes, and whether it takes options in its query. */
  enum Operation {
    /** {@code POST /submit}: every form, options in the body or the query. */
    ANY_FORM(EnumSet.allOf(Form.class), SubmitOptions.QUERY_OPTIONS),
    /** {@code POST /submit/form}: multipart only, options as form fields only, so that each option is one parameter. */
    FORM(EnumSet.of(Form.MULTIPART), Set.of()),
    /** {@code POST /submit/raw}: raw bytes, options in the query. */
    RAW(EnumSet.of(Form.RAW), SubmitOptions.QUERY_OPTIONS);

    private final Set<Form> forms;
    private final Set<String> queryOptions;

    Operation(Set<Form> forms, Set<String> queryOptions) {
      this.forms = forms;
      this.queryOptions = queryOptions;
    }
  }

  private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private static final Pattern USABLE_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

  private final Vertx vertx;
  private final JobService jobs;
  private final JsonSubmission json;
  private final MultipartSubmission multipart;
  private final MultipartUpload multipartUpload;
  private final RawUpload raw;
  private final UploadFiles uploads;
  private final long maxBodyBytes;

  Submissions(Vertx vertx, JobService jobs, UploadFiles uploads, long maxDocumentBytes, long maxBodyBytes) {
    this.vertx = vertx;
    this.jobs = jobs;
    this.uploads = uploads;
    this.maxBodyBytes = maxBodyBytes;
    this.json = new JsonSubmission(maxDocumentBytes, maxBodyBytes);
    this.multipart = new MultipartSubmission(maxDocumentBytes);
    this.multipartUpload = new MultipartUpload(vertx, uploads, maxDocumentBytes);
    this.raw = new RawUpload(vertx, uploads, maxDocumentBytes);
  }

  /** @param operation which submit operation was called: a form it does not take is a 415 */
  Future<Job> submit(RoutingContext ctx, Operation operation) {
    Form form;
    String key;
    try {
      form = formOf(ctx.request(), operation.forms);
      key = idempotencyKey(ctx.request());
      SubmitOptions.checkQuery(ctx.queryParams(), operation.queryOptions);
      requireUsableBoundary(ctx.request(), form);
    } catch (ServiceException refused) {
      return Future.failedFuture(refused);
    }
    if (ctx.request().isEnded()) {
      // A body-less request can have ended before its route ran; it has nothing to read.
      return Future.failedFuture(SubmitOptions.invalid("the request has no body; send the document in it"));
    }
    if ("100-continue".equalsIgnoreCase(ctx.request().getHeader("Expect"))) {
      ctx.response().writeContinue();
    }
    Caller caller = ApiKeyAuth.caller(ctx);
    return switch (form) {
      case JSON -> JsonBody.read(ctx.request(), maxBodyBytes)
          .compose(body -> vertx.executeBlocking(() -> json.parse(body, ctx.queryParams(), ctx.request().headers()),
              false))
          .compose(document -> jobs.submit(document, key, caller, RequestIds.of(ctx)));
      case MULTIPART -> multipartUpload.receive(ctx.request())
          .compose(received -> submitThenDelete(received.file() == null ? null : received.file().path(),
              () -> multipart.parse(received, ctx.queryParams(), ctx.request().headers()), key, caller, ctx));
      case RAW -> raw.receive(ctx.request()).compose(content -> submitThenDelete(
          content instanceof DocumentContent.InFile inFile ? inFile.file() : null,
          () -> document(content, SubmitOptions.resolve(Map.of(), ctx.queryParams(), ctx.request().headers())),
          key, caller, ctx));
    };
  }

  /** Queues the document, then deletes its temp file (if it has one), whether it was queued or refused. */
  private Future<Job> submitThenDelete(Path file, Supplier<SubmittedDocument> parse,
      String key, Caller caller, RoutingContext ctx) {
    Future<Job> submitted;
    try {
      submitted = jobs.submit(parse.get(), key, caller, RequestIds.of(ctx));
    } catch (ServiceException refused) {
      submitted = Future.failedFuture(refused);
    }
    return file == null ? submitted : submitted.eventually(() -> uploads.delete(file));
  }

  private static SubmittedDocument document(DocumentContent content, SubmitOptions.Options options) {
    return new SubmittedDocument(content, options.filename(), options.contentType(), options.outputFormat(),
        options.password());
  }

  private static Form formOf(HttpServerRequest request, Set<Form> accepted) {
    String mediaType = mediaType(request);
    return Form.of(mediaType).filter(accepted::contains).orElseThrow(() -> new ServiceException(
        ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type " + SubmitOptions.quoted(mediaType) + " is not accepted by "
        + request.path() + "; send " + accepted.stream().map(form -> form.mediaType)
        .collect(Collectors.joining(", "))));
  }

  private static void requireUsableBoundary(HttpServerRequest request, Form form) {
    if (form == Form.MULTIPART) {
      MultipartBoundary.problem(request.getHeader("Content-Type")).ifPresent(problem -> {
        throw SubmitOptions.invalid(problem);
      });
    }
  }

  /** The client's key for this submission: printable ASCII, so that it is safe in logs and as a map key. */
  private static String idempotencyKey(HttpServerRequest request) {
    String key = request.getHeader(IDEMPOTENCY_KEY);
    if (key == null) {
      return null;
    }
    if (!USABLE_KEY.matcher(key).matches()) {
      throw new ServiceException(ErrorCode.INVALID_REQUEST,
          IDEMPOTENCY_KEY + " must be 1 to 255 printable ASCII characters");
    }
    return key;
  }

  private static String mediaType(HttpServerRequest request) {
    String header = request.getHeader("Content-Type");
    return header == null ? "" : header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }
}
