package io.docparser.jobs;

import io.docparser.api.Addresses;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import java.util.List;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes running jobs back from nodes that will not finish them, and says so: a job queued again is announced to
 * the free slots, logged and counted with the reason; one that has had its attempts has failed as WORKER_LOST, and
 * its document is dropped.
 */
final class LostJobs {

  private static final Logger LOG = LoggerFactory.getLogger(LostJobs.class);

  private final Stores stores;
  private final EventBus eventBus;
  private final JobMetrics metrics;
  private final int maxAttempts;

  LostJobs(Stores stores, EventBus eventBus, JobMetrics metrics, int maxAttempts) {
    this.stores = stores;
    this.eventBus = eventBus;
    this.metrics = metrics;
    this.maxAttempts = maxAttempts;
  }

  /** The jobs held by members that are not in the cluster now. */
  Future<List<Job>> takeBackFromGoneMembers() {
    return takeBack(RequeueReason.MEMBER_GONE, stores.jobs()::reclaimFromGoneMembers);
  }

  /** The jobs whose leases ran out. */
  Future<List<Job>> takeBackExpired() {
    return takeBack(RequeueReason.LEASE_EXPIRED, stores.jobs()::reclaimExpired);
  }

  private Future<List<Job>> takeBack(RequeueReason reason, IntFunction<Future<List<Job>>> reclaim) {
    return reclaim.apply(maxAttempts)
        .onSuccess(takenBack -> takenBack.forEach(job -> announce(job, reason)))
        .onFailure(failure -> LOG.warn("jobs could not be taken back: {}", failure.toString()));
  }

  private void announce(Job job, RequeueReason reason) {
    if (job.status() == JobStatus.QUEUED) {
      JobLog.warn(LOG, job).log("job {} was queued again (attempt {} of {}): {}", job.jobId(), job.attempts(),
          maxAttempts, explanation(reason));
      metrics.requeued(reason);
      eventBus.publish(Addresses.JOB_QUEUED, job.jobId());
    } else {
      JobLog.warn(LOG, job).log("job {} failed with {} after {} attempts", job.jobId(), job.errorCode(),
          job.attempts());
      stores.forgetDocument(job);
    }
  }

  private static String explanation(RequeueReason reason) {
    return reason == RequeueReason.MEMBER_GONE
        ? "the node that ran it is no longer in the cluster (it left, or the whole service was restarted), so the job"
            + " does not wait for its lease to run out"
        : "its lease ran out unrenewed, because its node was lost or could not reach the store";
  }
}
