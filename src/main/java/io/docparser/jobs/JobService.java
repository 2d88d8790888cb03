package io.docparser.jobs;

import io.docparser.api.Addresses;
import io.docparser.api.Caller;
import io.docparser.api.ErrorCode;
import io.docparser.api.ServiceException;
import io.docparser.config.QueueLimit;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the API does with jobs: accept documents, look jobs and results up, list, cancel and delete them. */
public final class JobService {

  private static final Logger LOG = LoggerFactory.getLogger(JobService.class);

  private final Stores stores;
  private final JobStore jobs;
  private final EventBus eventBus;
  private final Clock clock;
  private final QueueLimit queueLimit;
  private final QueueGauge queueGauge;
  private final long maxActiveJobsPerCaller;
  private final JobMetrics metrics;

  /**
   * @param maxActiveJobsPerCaller how many queued and processing jobs one API key may have; 0 for no limit (it
   *                               never applies without keys: the anonymous caller is bounded by the queue alone)
   */
  public JobService(Stores stores, EventBus eventBus, Clock clock, QueueLimit queueLimit,
      long maxActiveJobsPerCaller, JobMetrics metrics) {
    this.metrics = metrics;
    this.stores = stores;
    this.maxActiveJobsPerCaller = maxActiveJobsPerCaller;
    this.jobs = stores.jobs();
    this.eventBus = eventBus;
    this.clock = clock;
    this.queueLimit = queueLimit;
    this.queueGauge = new QueueGauge(jobs::queueDepth);
  }

  /**
   * Queues a document, unless the cluster-wide queue is full (429 QUEUE_FULL, which clients retry). With an
   * idempotency key, a repeat of an earlier submission by the same caller gets the earlier job instead of a new one.
   * A caller with as many active jobs as it may have is refused (429 RATE_LIMITED).
   *
   * @param idempotencyKey the client's key for this submission; may be null
   */
  public Future<Job> submit(SubmittedDocument document, String idempotencyKey, Caller caller, String requestId) {
    Job job = Job.queued(document.filename(), document.contentType(), document.content().size(),
            document.outputFormat().wireName(), DocumentStore.chunkCount(document.content().size()), clock.instant())
        .submittedBy(caller.id(), requestId);
    if (idempotencyKey == null) {
      return admit(document, job, caller);
    }
    String scopedKey = caller.scope(idempotencyKey);
    return stores.idempotencyKeys().bind(scopedKey, job.jobId())
        .compose(earlier -> earlier.isEmpty()
            ? admit(document, job, caller).onFailure(refused -> stores.idempotencyKeys().release(scopedKey))
            : find(earlier.get(), caller).compose(found -> found
                .map(Future::succeededFuture)
                .orElseGet(() -> stores.idempotencyKeys().release(scopedKey)
                    .compose(released -> submit(document, idempotencyKey, caller, requestId)))));
  }

  private Future<Job> admit(SubmittedDocument document, Job job, Caller caller) {
    if (caller.id() == null || maxActiveJobsPerCaller == 0) {
      return admit(document, job);
    }
    return jobs.activeJobs(caller).compose(active -> active >= maxActiveJobsPerCaller
        ? Future.failedFuture(new ServiceException(ErrorCode.RATE_LIMITED, "this API key has " + active
            + " jobs queued or processing, as many as one key may have; try again when some have finished"))
        : admit(document, job));
  }

  /** Admits against the estimated queue depth; a refusal is checked against a fresh measurement first. */
  private Future<Job> admit(SubmittedDocument document, Job job) {
    return queueGauge.estimate()
        .compose(estimated -> admits(estimated, job) ? Future.succeededFuture(estimated) : queueGauge.fresh())
        .compose(depth -> {
          if (!admits(depth, job)) {
            return Future.failedFuture(new ServiceException(ErrorCode.QUEUE_FULL, "the queue is full ("
                + depth.jobs() + " jobs, " + depth.bytes() + " bytes waiting); try again shortly"));
          }
          queueGauge.admitted(job.sizeBytes());
          return store(document, job);
        });
  }

  private boolean admits(JobStore.QueueDepth depth, Job job) {
    return queueLimit.admits(depth.jobs(), depth.bytes(), job.sizeBytes());
  }

  /**
   * Stores the document and its password, then the job, then rings the doorbell. In that order, a worker never
   * finds a queued job whose document is not there yet. A submission refused half-way takes its document and
   * password back; if the store is too far gone for that, the database's sweeper deletes the orphaned rows later.
   */
  private Future<Job> store(SubmittedDocument document, Job job) {
    return stores.documents().write(job.jobId(), document.content())
        .compose(stored -> stores.passwords().keep(job.jobId(), document.password()))
        .compose(stored -> jobs.insert(job))
        .onFailure(refused -> Future.join(stores.documents().delete(job), stores.passwords().forget(job.jobId())))
        .onSuccess(queued -> {
          JobLog.info(LOG, queued).log("job {} accepted: {} bytes, output {}", queued.jobId(), queued.sizeBytes(),
              queued.outputFormat());
          metrics.submitted(queued);
          eventBus.publish(Addresses.JOB_QUEUED, queued.jobId());
        });
  }

  /** The job, if it exists and is the caller's: another caller's job is as absent as one that never was. */
  public Future<Optional<Job>> find(String jobId, Caller caller) {
    return jobs.find(jobId).map(found -> found.filter(job -> caller.owns(job.owner())));
  }

  /** The result of a job that {@link #find} gave this caller. */
  public Future<Optional<JobResult>> result(Job job) {
    return stores.results().read(job.jobId());
  }

  /** A page of the caller's jobs, newest first, after the job named by {@code cursor} (null for the first page). */
  public Future<List<Job>> list(Caller caller, JobStatus status, String cursor, int limit) {
    if (cursor == null) {
      return jobs.list(caller, status, null, limit);
    }
    return find(cursor, caller).compose(after -> after
        .map(job -> jobs.list(caller, status, job, limit))
        .orElseGet(() -> Future.failedFuture(new ServiceException(ErrorCode.INVALID_REQUEST,
            "cursor '" + cursor + "' names no job any more; start again from the first page"))));
  }

  /**
   * Cancels a queued or running job (its document and password go at once; a running parse is stopped on the node
   * that runs it, or with isolation {@code none} its late result is discarded), or deletes a finished one with its
   * result.
   *
   * @return the job as it was cancelled, or as it was before it was deleted; empty when there is no such job
   */
  public Future<Optional<Job>> cancelOrDelete(String jobId, Caller caller) {
    return find(jobId, caller).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(Optional.empty());
      }
      if (found.get().status().isTerminal()) {
        return deleteFinished(found.get()).map(found);
      }
      return jobs.cancel(jobId).compose(cancelled -> {
        if (cancelled.isEmpty()) {
          return cancelOrDelete(jobId, caller);
        }
        return stores.forgetDocument(cancelled.get()).map(cancelled);
      });
    });
  }

  private Future<Void> deleteFinished(Job job) {
    return Future.join(jobs.delete(job.jobId()), stores.results().delete(job.jobId()), stores.forgetDocument(job))
        .mapEmpty();
  }
}
