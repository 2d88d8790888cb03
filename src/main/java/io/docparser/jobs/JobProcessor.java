package io.docparser.jobs;

import io.docparser.api.ErrorCode;
import io.docparser.api.OutputFormat;
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

  private final JobStore jobs;
  private final DocumentStore documents;
  private final PasswordStore passwords;
  private final ResultStore results;
  private final DocumentParser parser;

  public JobProcessor(JobStore jobs, DocumentStore documents, PasswordStore passwords, ResultStore results,
      DocumentParser parser) {
    this.jobs = jobs;
    this.documents = documents;
    this.passwords = passwords;
    this.results = results;
    this.parser = parser;
  }

  public Future<Void> process(Job job) {
    return documents.read(job)
        .compose(document -> passwords.find(job.jobId()).map(password -> parse(job, document, password)))
        .compose(parsed -> record(job, parsed))
        .recover(failure -> failUnexpectedly(job, failure))
        .compose(finished -> Future.join(documents.delete(job), passwords.forget(job.jobId())).mapEmpty());
  }

  private Parsed parse(Job job, byte[] document, Optional<String> password) {
    OutputFormat format = OutputFormat.fromWireName(job.outputFormat()).orElse(OutputFormat.TEXT);
    ParseOutcome outcome = parser.parse(new ParseRequest(document, job.filename(), format, password.orElse(null)));
    return new Parsed(outcome, sha256(document));
  }

  private Future<Void> record(Job job, Parsed parsed) {
    if (parsed.outcome() instanceof ParseOutcome.Parsed done) {
      return results.write(job.jobId(), done.result())
          .compose(written -> jobs.finish(job, JobOutcome.completed(done.result().contentType(), parsed.sha256())))
          .onSuccess(updated -> updated.ifPresent(JobProcessor::logFinished))
          .compose(updated -> updated.isPresent() ? Future.succeededFuture() : results.delete(job.jobId()));
    }
    ParseOutcome.Failed failed = (ParseOutcome.Failed) parsed.outcome();
    return jobs.finish(job, JobOutcome.failed(failed.code(), failed.message(), failed.detectedType(), parsed.sha256()))
        .onSuccess(updated -> updated.ifPresent(JobProcessor::logFinished))
        .mapEmpty();
  }

  private Future<Void> failUnexpectedly(Job job, Throwable failure) {
    LOG.error("job {} could not be processed", job.jobId(), failure);
    JobOutcome crashed = JobOutcome.failed(ErrorCode.PARSER_CRASHED, "the service could not process this document",
        null, null);
    return jobs.finish(job, crashed).<Void>mapEmpty().recover(again -> Future.succeededFuture());
  }

  private static void logFinished(Job job) {
    LOG.info("job {} {}{} after {} ms on {}: {} bytes of {}", job.jobId(), job.status().wireName(),
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
