package io.docparser.jobs;

import io.docparser.api.ErrorCode;
import io.docparser.api.OutputFormat;
import io.docparser.api.ServiceException;
import io.docparser.parsing.DocumentParser;
import io.docparser.parsing.ParseOutcome;
import io.docparser.parsing.ParseRequest;
import io.vertx.core.Future;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a claimed job to its end: reads its document (and password), parses it, records the result or the failure,
 * and removes the document and the password. Must run on a worker context: the parse blocks the thread it runs on.
 */
public final class JobProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(JobProcessor.class);
  /** A parser crash may be the machine's fault rather than the document's: it is tried twice, then final. */
  static final int CRASH_ATTEMPTS = 2;

  private final Stores stores;
  private final JobStore jobs;
  private final DocumentParser parser;
  private final JobMetrics metrics;

  public JobProcessor(Stores stores, DocumentParser parser, JobMetrics metrics) {
    this.stores = stores;
    this.jobs = stores.jobs();
    this.parser = parser;
    this.metrics = metrics;
  }

  /**
   * Runs one attempt. The document and the password are removed only when this attempt ends the job: an attempt
   * that was taken back (its node seemed lost), or that is retried, leaves them to the next attempt.
   */
  public Future<Void> process(Job attempt) {
    return stores.documents().read(attempt)
        .compose(document -> stores.passwords().find(attempt.jobId())
            .map(password -> parse(attempt, document, password)))
        .compose(parsed -> record(attempt, parsed))
        .recover(failure -> failUnexpectedly(attempt, failure))
        .compose(after -> after.filter(job -> job.status().isTerminal()).isPresent()
            ? stores.forgetDocument(after.get())
            : Future.succeededFuture());
  }

  /** Stops the job's parse if this processor is running it (see {@link DocumentParser#stop}). */
  void stop(String jobId) {
    parser.stop(jobId);
  }

  /** Releases the parser (its child process). */
  public void close() {
    parser.close();
  }

  private Parsed parse(Job job, byte[] document, Optional<String> password) {
    OutputFormat format = OutputFormat.fromWireName(job.outputFormat()).orElse(OutputFormat.TEXT);
    long start = System.nanoTime();
    ParseOutcome outcome = JobLog.withFields(job, () -> parser.parse(
        new ParseRequest(job.jobId(), document, job.filename(), format, password.orElse(null))));
    metrics.parsed(Duration.ofNanos(System.nanoTime() - start), outcomeName(outcome));
    return new Parsed(password.isPresent() ? outcome : explainMissingPassword(outcome), sha256(document));
  }

  /**
   * Passwords are never persisted (DESIGN property 9), so a queued encrypted job that outlived a full restart is
   * parsed without the password its client gave: the client must learn why, or it would think the password wrong.
   */
  private static ParseOutcome explainMissingPassword(ParseOutcome outcome) {
    if (outcome instanceof ParseOutcome.Failed failed && failed.code() == ErrorCode.ENCRYPTED_DOCUMENT) {
      return new ParseOutcome.Failed(failed.code(), failed.message() + "; a password given with the submission"
          + " was not kept across a full restart of the service (passwords are never stored): submit the document"
          + " again with its password", failed.detectedType());
    }
    return outcome;
  }

  /**
   * Writes the result, then finishes the job, so that a client never sees "completed" without a result. An attempt
   * whose outcome lost discards the result it wrote ({@link #discardLateResult}).
   */
  private Future<Optional<Job>> record(Job attempt, Parsed parsed) {
    if (parsed.outcome() instanceof ParseOutcome.Stopped) {
      JobLog.info(LOG, attempt).log("job {}: its parse was stopped on attempt {}", attempt.jobId(),
          attempt.attempts());
      return Future.succeededFuture(Optional.empty());
    }
    if (parsed.outcome() instanceof ParseOutcome.Parsed done) {
      return stores.results().write(attempt.jobId(), done.result())
          .compose(storedBytes -> jobs.finish(attempt,
              JobOutcome.completed(done.result().contentType(), parsed.sha256(), storedBytes)))
          .compose(updated -> updated.isPresent()
              ? Future.succeededFuture(updated)
              : discardLateResult(attempt).map(updated))
          .onSuccess(updated -> updated.ifPresent(JobProcessor::logFinished));
    }
    ParseOutcome.Failed failed = (ParseOutcome.Failed) parsed.outcome();
    if (failed.code() == ErrorCode.PARSER_CRASHED && attempt.attempts() < CRASH_ATTEMPTS) {
      JobLog.warn(LOG, attempt).log("job {} crashed its parser on attempt {}; it is tried once more", attempt.jobId(),
          attempt.attempts());
      return jobs.retry(attempt)
          .onSuccess(requeued -> requeued.ifPresent(job -> metrics.requeued(RequeueReason.PARSER_CRASHED)));
    }
    return jobs.finish(attempt,
            JobOutcome.failed(failed.code(), failed.message(), failed.detectedType(), parsed.sha256()))
        .onSuccess(updated -> updated.ifPresent(JobProcessor::logFinished));
  }

  /**
   * The result of an attempt that lost (DESIGN property 7: a late result is discarded) is deleted once no attempt
   * can complete the job any more: it was cancelled, failed or deleted. While another attempt still runs it, the
   * result stays, as that attempt writes the same result before it completes the job, and a delete between its write
   * and its completion would leave a completed job without a result.
   */
  private Future<Void> discardLateResult(Job attempt) {
    return jobs.find(attempt.jobId())
        .compose(now -> now.isEmpty() || now.get().status().isTerminal()
            && now.get().status() != JobStatus.COMPLETED
            ? stores.results().delete(attempt.jobId())
            : Future.succeededFuture())
        .onSuccess(discarded -> JobLog.info(LOG, attempt).log("job {}: the result of attempt {} came too late and"
            + " is not kept", attempt.jobId(), attempt.attempts()))
        .recover(failed -> Future.succeededFuture());
  }

  /**
   * A job store that cannot be reached is no fault of the document: the attempt is left as it is, and the job goes
   * back to the queue when its lease runs out unrenewed, to be parsed again once the store answers.
   */
  private Future<Optional<Job>> failUnexpectedly(Job attempt, Throwable failure) {
    if (failure instanceof ServiceException refused && refused.code() == ErrorCode.STORE_UNAVAILABLE) {
      JobLog.warn(LOG, attempt).log("job {}: its outcome could not be stored ({}); it is parsed again once its lease"
          + " has run out and the store answers", attempt.jobId(), failure.getMessage());
      return Future.succeededFuture(Optional.empty());
    }
    JobLog.error(LOG, attempt).setCause(failure).log("job {} could not be processed", attempt.jobId());
    JobOutcome crashed = JobOutcome.failed(ErrorCode.PARSER_CRASHED, "the service could not process this document",
        null, null);
    return jobs.finish(attempt, crashed).recover(again -> Future.succeededFuture(Optional.empty()));
  }

  private static String outcomeName(ParseOutcome outcome) {
    if (outcome instanceof ParseOutcome.Failed failed) {
      return failed.code().name();
    }
    return outcome instanceof ParseOutcome.Stopped ? "stopped" : "parsed";
  }

  private static void logFinished(Job job) {
    JobLog.info(LOG, job).log("job {} {}{} after {} ms on {}: {} bytes of {}", job.jobId(), job.status().wireName(),
        job.errorCode() == null ? "" : " (" + job.errorCode() + ")",
        Duration.between(job.startedAt(), job.finishedAt()).toMillis(), job.node(), job.sizeBytes(),
        job.contentType());
  }

  private static String sha256(byte[] document) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(document));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private record Parsed(ParseOutcome outcome, String sha256) {
  }
}
