package io.docparser.jobs;

import io.docparser.api.ErrorCode;
import io.docparser.parsing.DocumentParser;
import io.docparser.parsing.ParseOutcome;
import io.vertx.core.Future;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a claimed job to its end: reads its document, parses it, records the result or the failure, and removes
 * the document. Must run on a worker context: the parse blocks the thread it runs on.
 */
public final class JobProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(JobProcessor.class);

  private final JobStore jobs;
  private final DocumentStore documents;
  private final ResultStore results;
  private final DocumentParser parser;

  public JobProcessor(JobStore jobs, DocumentStore documents, ResultStore results, DocumentParser parser) {
    this.jobs = jobs;
    this.documents = documents;
    this.results = results;
    this.parser = parser;
  }

  public Future<Void> process(Job job) {
    return documents.read(job)
        .map(document -> parser.parse(document, job.filename()))
        .compose(outcome -> record(job, outcome))
        .recover(failure -> failUnexpectedly(job, failure))
        .compose(finished -> documents.delete(job));
  }

  private Future<Void> record(Job job, ParseOutcome outcome) {
    if (outcome instanceof ParseOutcome.Parsed parsed) {
      return results.write(job.jobId(), parsed.result())
          .compose(written -> jobs.complete(job, parsed.result().contentType()))
          .onSuccess(updated -> updated.ifPresent(JobProcessor::logFinished))
          .compose(updated -> updated.isPresent() ? Future.succeededFuture() : results.delete(job.jobId()));
    }
    ParseOutcome.Failed failed = (ParseOutcome.Failed) outcome;
    return jobs.fail(job, failed.code(), failed.message(), failed.detectedType())
        .onSuccess(updated -> updated.ifPresent(JobProcessor::logFinished))
        .mapEmpty();
  }

  private static void logFinished(Job job) {
    LOG.info("job {} {}{} after {} ms on {}: {} bytes of {}", job.jobId(), job.status().wireName(),
        job.errorCode() == null ? "" : " (" + job.errorCode() + ")",
        Duration.between(job.startedAt(), job.finishedAt()).toMillis(), job.node(), job.sizeBytes(),
        job.contentType());
  }

  private Future<Void> failUnexpectedly(Job job, Throwable failure) {
    LOG.error("job {} could not be processed", job.jobId(), failure);
    return jobs.fail(job, ErrorCode.PARSER_CRASHED, "the service could not process this document", null)
        .<Void>mapEmpty()
        .recover(again -> Future.succeededFuture());
  }
}
