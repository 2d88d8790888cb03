package io.docparser.http;

import io.docparser.api.Caller;
import io.docparser.api.ErrorCode;
import io.docparser.api.ServiceException;
import io.docparser.jobs.Job;
import io.docparser.parsing.JobResult;
import io.docparser.jobs.JobService;
import io.docparser.jobs.JobStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The handlers of the job endpoints: submit, status, result, list and cancel. */
final class JobRoutes {

  /** The longest a status request may wait for its job to finish. */
  static final long MAX_WAIT_SECONDS = 60;
  /** A long poll reads its job again at least this often, in case the announcement of its end was missed. */
  private static final long RECHECK_MS = 5_000;
  private static final String RETRY_AFTER_SECONDS = "1";
  /** Jobs on a page of GET /jobs when the client does not say. */
  static final int DEFAULT_PAGE = 50;
  private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]+");
  /** Any number of up to 18 digits fits in a long. */
  private static final int MAX_LONG_DIGITS = 18;

  private final JobService jobs;
  private final Submissions submissions;
  private final FinishedJobs finished;
  private final KeyConcurrency concurrency;

  JobRoutes(JobService jobs, Submissions submissions, FinishedJobs finished, KeyConcurrency concurrency) {
    this.jobs = jobs;
    this.submissions = submissions;
    this.finished = finished;
    this.concurrency = concurrency;
  }

  void submit(RoutingContext ctx, Submissions.Operation operation) {
    submissions.submit(ctx, operation)
        .onSuccess(job -> {
          ctx.response()
              .putHeader("Location", JobViews.statusPath(job))
              .putHeader("Retry-After", RETRY_AFTER_SECONDS);
          respond(ctx, 202, JobViews.accepted(job));
        })
        .onFailure(ctx::fail);
  }

  void status(RoutingContext ctx) {
    String jobId = ctx.pathParam("job_id");
    long waitSeconds = waitSeconds(ctx);
    if (waitSeconds > 0) {
      concurrency.admitLongPoll(ctx);
    }
    long deadline = System.currentTimeMillis() + waitSeconds * 1000;
    awaitTerminal(jobId, ApiKeyAuth.caller(ctx), deadline)
        .onSuccess(job -> {
          if (!job.status().isTerminal()) {
            ctx.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
          }
          respond(ctx, 200, JobViews.status(job));
        })
        .onFailure(ctx::fail);
  }

  /** {@code GET /result/{id}}: the result as JSON, or with {@code ?raw=true} the content alone. */
  void result(RoutingContext ctx) {
    answerResult(ctx, Boolean.parseBoolean(ctx.queryParams().get("raw")));
  }

  /** {@code GET /result/{id}/content}: the content alone, as {@code ?raw=true} gives it. */
  void content(RoutingContext ctx) {
    answerResult(ctx, true);
  }

  private void answerResult(RoutingContext ctx, boolean raw) {
    String jobId = ctx.pathParam("job_id");
    existing(jobId, ApiKeyAuth.caller(ctx))
        .compose(job -> switch (job.status()) {
          case COMPLETED -> completed(ctx, job, raw);
          case QUEUED, PROCESSING -> pending(ctx, job);
          case FAILED, CANCELLED -> unavailable(ctx, job);
        })
        .onFailure(ctx::fail);
  }

  void list(RoutingContext ctx) {
    JobStatus status = Optional.ofNullable(ctx.queryParams().get("status"))
        .map(name -> JobStatus.valueOf(name.toUpperCase(Locale.ROOT)))
        .orElse(null);
    int limit = (int) wholeNumber(ctx, "limit").orElse((long) DEFAULT_PAGE).longValue();
    String cursor = ctx.queryParams().get("cursor");
    if (cursor != null && !Job.isWellFormedId(cursor)) {
      throw new ServiceException(ErrorCode.INVALID_REQUEST, "cursor must be the next_cursor of an earlier page");
    }
    jobs.list(ApiKeyAuth.caller(ctx), status, cursor, limit)
        .onSuccess(page -> respond(ctx, 200, JobViews.page(page, limit)))
        .onFailure(ctx::fail);
  }

  void cancel(RoutingContext ctx) {
    String jobId = ctx.pathParam("job_id");
    jobs.cancelOrDelete(jobId, ApiKeyAuth.caller(ctx))
        .compose(done -> done.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(notFound(jobId))))
        .onSuccess(job -> respond(ctx, 200, JobViews.status(job)))
        .onFailure(ctx::fail);
  }

  private Future<Void> completed(RoutingContext ctx, Job job, boolean raw) {
    return jobs.result(job).compose(result -> result
        .map(found -> raw ? respondRaw(ctx, job, found) : respond(ctx, 200, JobViews.result(job, found)))
        .orElseGet(() -> Future.failedFuture(notFound(job.jobId()))));
  }

  /** The content alone, with its own media type: for clients that want the markdown or HTML as a file. */
  private static Future<Void> respondRaw(RoutingContext ctx, Job job, JobResult result) {
    return ctx.response()
        .setStatusCode(200)
        .putHeader("Content-Type", JobViews.format(job).rawContentType())
        .end(result.content());
  }

  private Future<Void> pending(RoutingContext ctx, Job job) {
    ctx.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
    return respond(ctx, 202, JobViews.pending(job));
  }

  private Future<Void> unavailable(RoutingContext ctx, Job job) {
    return respond(ctx, 409, JobViews.unavailable(job, RequestIds.of(ctx)));
  }

  /** The job once it is terminal, or as it is at the deadline: read again as soon as its end is announced. */
  private Future<Job> awaitTerminal(String jobId, Caller caller, long deadline) {
    long remaining = deadline - System.currentTimeMillis();
    if (remaining <= 0) {
      return existing(jobId, caller);
    }
    Future<Void> ended = finished.next(jobId, Math.min(remaining, RECHECK_MS));
    return existing(jobId, caller).compose(
        job -> {
          if (job.status().isTerminal()) {
            finished.forget(jobId, ended);
            return Future.succeededFuture(job);
          }
          return finished.waitFor(ended).compose(announced -> awaitTerminal(jobId, caller, deadline));
        },
        failure -> {
          finished.forget(jobId, ended);
          return Future.failedFuture(failure);
        });
  }

  private Future<Job> existing(String jobId, Caller caller) {
    return jobs.find(jobId, caller).compose(found -> found
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(notFound(jobId))));
  }

  private static long waitSeconds(RoutingContext ctx) {
    return wholeNumber(ctx, "wait").map(seconds -> Math.min(seconds, MAX_WAIT_SECONDS)).orElse(0L);
  }

  /**
   * A query parameter written as decimal digits, which the contract's range checks have seen; the contract's
   * validator also takes "1e3" or "5.0" as integers, which are refused here. Digits past a long's range read as
   * {@link Long#MAX_VALUE}, which every caller clamps.
   */
  private static Optional<Long> wholeNumber(RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!WHOLE_NUMBER.matcher(value).matches()) {
      throw new ServiceException(ErrorCode.INVALID_REQUEST, name + " must be a whole number, written in digits");
    }
    return Optional.of(value.length() > MAX_LONG_DIGITS ? Long.MAX_VALUE : Long.parseLong(value));
  }

  private static ServiceException notFound(String jobId) {
    return new ServiceException(ErrorCode.NOT_FOUND, "no job with id '" + jobId + "'");
  }

  private static Future<Void> respond(RoutingContext ctx, int status, JsonObject body) {
    return JsonAnswers.send(ctx.response(), status, body);
  }
}
