package io.docparser.jobs;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
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

  /** The new record, or null when the job is not in a state this transition starts from. */
  abstract Job apply(Job current);

  /** Seconds a terminal record is kept. */
  abstract long terminalTtlSeconds();

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
      ((ExtendedMapEntry<String, HazelcastJsonValue>) entry).setValue(nextValue, terminalTtlSeconds(),
          TimeUnit.SECONDS);
    } else {
      entry.setValue(nextValue);
    }
    return nextValue.getValue();
  }

  /** queued -> processing, owned by one node until its lease runs out. */
  static final class Claim extends JobTransition {
    private static final long serialVersionUID = 1L;
    private final String nodeId;
    private final Instant now;
    private final Instant leaseExpiry;

    Claim(String nodeId, Instant now, Instant leaseExpiry) {
      this.nodeId = nodeId;
      this.now = now;
      this.leaseExpiry = leaseExpiry;
    }

    @Override
    Job apply(Job current) {
      return current.status() == JobStatus.QUEUED ? current.claimedBy(nodeId, now, leaseExpiry) : null;
    }

    @Override
    long terminalTtlSeconds() {
      return 0;
    }
  }

  /**
   * processing -> completed or failed. The first outcome wins: a job that is no longer processing (finished by
   * another attempt, or cancelled) keeps its state.
   */
  static final class Finish extends JobTransition {
    private static final long serialVersionUID = 1L;
    private final JobOutcome outcome;
    private final Instant now;
    private final long ttlSeconds;

    Finish(JobOutcome outcome, Instant now, long ttlSeconds) {
      this.outcome = outcome;
      this.now = now;
      this.ttlSeconds = ttlSeconds;
    }

    @Override
    Job apply(Job current) {
      return current.status() == JobStatus.PROCESSING ? current.finished(outcome, now) : null;
    }

    @Override
    long terminalTtlSeconds() {
      return ttlSeconds;
    }
  }
}
