package io.docparser.jobs;

import io.docparser.api.Addresses;
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

  public JobService(JobStore jobs, DocumentStore documents, PasswordStore passwords, ResultStore results,
      EventBus eventBus, Clock clock) {
    this.jobs = jobs;
    this.documents = documents;
    this.passwords = passwords;
    this.results = results;
    this.eventBus = eventBus;
    this.clock = clock;
  }

  /**
   * Stores the document and its password, then the job, then rings the doorbell. In that order, a worker never
   * finds a queued job whose document is not there yet.
   */
  public Future<Job> submit(SubmittedDocument document) {
    long size = document.content().size();
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
