package io.docparser.jobs;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import io.docparser.api.ErrorCode;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A change of one job's status, run by Hazelcast on the partition that owns the job: two nodes that touch the same
 * job at once are serialised there, so no update is lost and a job is claimed by one slot only. Each transition
 * states the status it starts from and leaves the job alone (answering null) when the job is elsewhere. Times are
 * taken by the caller, so that the backup replica, which runs the same transition, writes the same record.
 */
abstract class JobTransition implements EntryProcessor<String, HazelcastJsonValue, String> {

  private static final long serialVersionUID = 1L;

  /** Seconds a record this transition makes terminal is kept; 0 for transitions that never end a job. */
  private final long terminalTtlSeconds;

  JobTransition(long terminalTtlSeconds) {
    this.terminalTtlSeconds = terminalTtlSeconds;
  }

  /** The new record, or null when the job is not in a state this transition starts from. */
  abstract Job apply(Job current);

  @Override
  public String process(Map.Entry<String, HazelcastJsonValue> entry) {
    HazelcastJsonValue value = entry.getValue();
    if (value == null) {
      return null;
    }
    Job next = apply(JobJson.read(value.getValue()));
    if (next == null) {
      return null;
    }
    HazelcastJsonValue nextValue = new HazelcastJsonValue(JobJson.write(next));
    if (next.status().isTerminal()) {
      ((ExtendedMapEntry<String, HazelcastJsonValue>) entry).setValue(nextValue, terminalTtlSeconds,
          TimeUnit.SECONDS);
    } else {
      entry.setValue(nextValue);
    }
    return nextValue.getValue();
  }

  /** queued -> processing, owned by one node (its member of this start) until its lease runs out. */
  static final class Claim extends JobTransition {
    private static final long serialVersionUID = 1L;
    private final String nodeId;
    private final String member;
    private final Instant now;
    private final Instant leaseExpiry;

    Claim(String nodeId, String member, Instant now, Instant leaseExpiry) {
      super(0);
      this.nodeId = nodeId;
      this.member = member;
      this.now = now;
      this.leaseExpiry = leaseExpiry;
    }

    @Override
    Job apply(Job current) {
      return current.status() == JobStatus.QUEUED && current.isDue(now)
          ? current.claimedBy(nodeId, member, now, leaseExpiry)
          : null;
    }

  }

  /**
   * processing -> completed or failed, for the attempt that produced the outcome. The first outcome wins: a job
   * that is no longer that attempt (finished, cancelled, or taken back and claimed again) keeps its state.
   */
  static final class Finish extends JobTransition {
    private static final long serialVersionUID = 1L;
    private final Attempt attempt;
    private final JobOutcome outcome;
    private final Instant now;

    Finish(Attempt attempt, JobOutcome outcome, Instant now, long ttlSeconds) {
      super(ttlSeconds);
      this.attempt = attempt;
      this.outcome = outcome;
      this.now = now;
    }

    @Override
    Job apply(Job current) {
      return current.isRunning(attempt) ? current.finished(outcome, now) : null;
    }

  }

  /** processing -> queued again, for an attempt whose failure deserves another try (a parser crash, once). */
  static final class Retry extends JobTransition {
    private static final long serialVersionUID = 1L;
    private final Attempt attempt;
    private final Instant notBefore;

    Retry(Attempt attempt, Instant notBefore) {
      super(0);
      this.attempt = attempt;
      this.notBefore = notBefore;
    }

    @Override
    Job apply(Job current) {
      return current.isRunning(attempt) ? current.requeued(notBefore) : null;
    }
  }

  /**
   * Extends the lease of an attempt that is still running on its node, held by the node's member as it is now (a
   * member that merged back after a split has a new id, and must not pass for gone).
   */
  static final class Renew extends JobTransition {
    private static final long serialVersionUID = 1L;
    private final Attempt attempt;
    private final String member;
    private final Instant leaseExpiry;

    Renew(Attempt attempt, String member, Instant leaseExpiry) {
      super(0);
      this.attempt = attempt;
      this.member = member;
      this.leaseExpiry = leaseExpiry;
    }

    @Override
    Job apply(Job current) {
      return current.isRunning(attempt) ? current.leasedUntil(member, leaseExpiry) : null;
    }

  }

  /**
   * Takes a processing job back from a node that is gone (left the cluster, did not survive a full restart, or let
   * its lease run out): back to the queue, or failed with WORKER_LOST once it has had its attempts.
   */
  static final class Reclaim extends JobTransition {
    private static final long serialVersionUID = 1L;
    private final LostAttempts lost;
    private final Instant now;
    private final int maxAttempts;

    Reclaim(LostAttempts lost, Instant now, int maxAttempts, long ttlSeconds) {
      super(ttlSeconds);
      this.lost = lost;
      this.now = now;
      this.maxAttempts = maxAttempts;
    }

    @Override
    Job apply(Job current) {
      if (current.status() != JobStatus.PROCESSING || !lost.covers(current)) {
        return null;
      }
      return current.attempts() >= maxAttempts
          ? current.finished(JobOutcome.failed(ErrorCode.WORKER_LOST, "the node parsing this document was lost "
              + current.attempts() + " times; the job is not retried again", null, null), now)
          : current.requeued(now.plus(Backoff.after(current.attempts())));
    }

  }

  /** queued or processing -> cancelled. A running attempt's late outcome is then discarded (see {@link Finish}). */
  static final class Cancel extends JobTransition {
    private static final long serialVersionUID = 1L;
    private final Instant now;

    Cancel(Instant now, long ttlSeconds) {
      super(ttlSeconds);
      this.now = now;
    }

    @Override
    Job apply(Job current) {
      return current.status().isTerminal() ? null : current.cancelled(now);
    }

  }
}
