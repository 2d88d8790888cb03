package io.docparser.jobs;

import io.docparser.api.Addresses;
import io.docparser.api.ErrorCode;
import io.docparser.api.ServiceException;
import io.docparser.config.QueueLimit;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import java.time.Clock;
import java.util.Optional;

/** What the API does with jobs: accept documents, and look jobs and results up. */
public final class JobService {

  private final JobStore jobs;
  private final DocumentStore documents;
  private final ResultStore results;
  private final PasswordStore passwords;
  private final EventBus eventBus;
  private final Clock clock;
  private final QueueLimit queueLimit;

  public JobService(JobStore jobs, DocumentStore documents, PasswordStore passwords, ResultStore results,
      EventBus eventBus, Clock clock, QueueLimit queueLimit) {
    this.jobs = jobs;
    this.documents = documents;
    this.passwords = passwords;
    this.results = results;
    this.eventBus = eventBus;
    this.clock = clock;
    this.queueLimit = queueLimit;
  }

  /** Queues a document, unless the cluster-wide queue is full (429 QUEUE_FULL, which clients retry). */
  public Future<Job> submit(SubmittedDocument document) {
    long size = document.content().size();
    return jobs.queueDepth().compose(depth -> queueLimit.admits(depth.jobs(), depth.bytes(), size)
        ? store(document, size)
        : Future.failedFuture(new ServiceException(ErrorCode.QUEUE_FULL, "the queue is full (" + depth.jobs()
            + " jobs, " + depth.bytes() + " bytes waiting); try again shortly")));
  }

  /**
   * Stores the document and its password, then the job, then rings the doorbell. In that order, a worker never
   * finds a queued job whose document is not there yet.
   */
  private Future<Job> store(SubmittedDocument document, long size) {
    Job job = Job.queued(document.filename(), document.contentType(), size, document.outputFormat().wireName(),
        DocumentStore.chunkCount(size), clock.instant());
    return documents.write(job.jobId(), document.content())
        .compose(stored -> passwords.keep(job.jobId(), document.password()))
        .compose(stored -> jobs.insert(job))
        .onSuccess(queued -> eventBus.publish(Addresses.JOB_QUEUED, queued.jobId()));
  }

  public Future<Optional<Job>> find(String jobId) {
    return jobs.find(jobId);
  }

  public Future<Optional<JobResult>> result(String jobId) {
    return results.read(jobId);
  }
}
