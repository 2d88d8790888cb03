package io.docparser.jobs;

import io.docparser.api.Addresses;
import io.docparser.api.Caller;
import io.docparser.api.ErrorCode;
import io.docparser.api.ServiceException;
import io.docparser.config.QueueLimit;
import io.docparser.parsing.JobResult;
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
  private final KeyQuotas quotas;
  private final JobMetrics metrics;

  /** @param quotas what one API key may hold */
  public JobService(Stores stores, EventBus eventBus, Clock clock, QueueLimit queueLimit, KeyQuotas quotas,
      JobMetrics metrics) {
    this.metrics = metrics;
    this.stores = stores;
    this.quotas = quotas;
    this.jobs = stores.jobs();
    this.eventBus = eventBus;
    this.clock = clock;
    this.queueLimit = queueLimit;
    this.queueGauge = new QueueGauge(jobs::queueDepth);
  }

  /**
   * Queues a document, unless the cluster-wide queue is full (429 QUEUE_FULL, which clients retry). With an
   * idempotency key, a repeat of an earlier submission by the same caller gets the earlier job instead of a new one.
   * A caller whose jobs would pass one of its quotas is refused (429 QUOTA_EXCEEDED), and so is one with as many
   * active jobs as it may have (429 RATE_LIMITED): one aggregation over the caller's jobs measures all three.
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
    if (!quotas.apply(caller)) {
      return admit(document, job);
    }
    return jobs.usage(caller).compose(usage -> quotas.refusal(usage, job.sizeBytes())
        .<Future<Job>>map(Future::failedFuture)
        .orElseGet(() -> admit(document, job)));
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
