package io.docparser.jobs;

import com.hazelcast.aggregation.Aggregators;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import com.hazelcast.projection.Projections;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import com.hazelcast.query.QueryConstants;
import io.docparser.api.Addresses;
import io.docparser.api.Caller;
import io.docparser.persistence.StoreMaps;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The job map: the queue of record and the state every node reads. Status changes go through
 * {@link JobTransition}s, which Hazelcast applies atomically on the partition that owns the job.
 */
public final class JobStore {

  /** How many of the oldest queued jobs a free slot tries, in order, before it concludes the queue is empty. */
  private static final int CLAIM_CANDIDATES = 8;

  private final HazelcastInstance member;
  private final IMap<String, HazelcastJsonValue> jobs;
  private final StoreCalls calls;
  private final EventBus eventBus;
  /**
   * The context of the node that opened the store, on an event loop. Announcements are sent from it, not from the
   * parser slot whose transition ended the job: a connection to another member that the announcement opens then
   * completes on an event loop, not on a slot's worker pool, which a stopping node may already have closed.
   */
  private final Context announcer;
  private final Clock clock;
  private final Duration resultTtl;
  private final JobMetrics metrics;

  public JobStore(Vertx vertx, HazelcastInstance hazelcast, Clock clock, Duration resultTtl, JobMetrics metrics) {
    this.metrics = metrics;
    this.member = hazelcast;
    this.jobs = hazelcast.getMap(StoreMaps.JOBS);
    this.calls = new StoreCalls(vertx);
    this.eventBus = vertx.eventBus();
    this.announcer = vertx.getOrCreateContext();
    this.clock = clock;
    this.resultTtl = resultTtl;
  }

  public Future<Job> insert(Job job) {
    return calls.async(() -> jobs.setAsync(job.jobId(), new HazelcastJsonValue(JobJson.write(job)))).map(job);
  }

  public Future<Optional<Job>> find(String jobId) {
    return calls.async(() -> jobs.getAsync(jobId))
        .map(value -> Optional.ofNullable(value).map(v -> JobJson.read(v.getValue())));
  }

  /**
   * Claims a job for {@code nodeId} if it is still queued, held by this node's member; empty when another slot got
   * it first.
   */
  public Future<Optional<Job>> claim(String jobId, String nodeId, Duration lease) {
    Instant now = clock.instant();
    return apply(jobId, new JobTransition.Claim(nodeId, localMember(), now, now.plus(lease)));
  }

  /** Claims the oldest queued job that no other slot takes first; empty when the queue is empty. */
  public Future<Optional<Job>> claimOldest(String nodeId, Duration lease) {
    return oldestQueuedIds().compose(ids -> claimFirst(ids, 0, nodeId, lease));
  }

  /**
   * Records how an attempt ended; empty when the job is no longer that attempt (the first outcome wins, and a late
   * result of an attempt that was taken back never overwrites the next one).
   */
  public Future<Optional<Job>> finish(Job attempt, JobOutcome outcome) {
    return apply(attempt.jobId(),
        new JobTransition.Finish(Attempt.of(attempt), outcome, clock.instant(), resultTtl.toSeconds()));
  }

  /** Puts a running attempt's job back in the queue for another try; empty when it is no longer that attempt. */
  public Future<Optional<Job>> retry(Job attempt) {
    Instant notBefore = clock.instant().plus(Backoff.after(attempt.attempts()));
    return apply(attempt.jobId(), new JobTransition.Retry(Attempt.of(attempt), notBefore));
  }

  /** Extends the lease of a running attempt; empty when the job is no longer that attempt. */
  public Future<Optional<Job>> renew(Job attempt, Duration lease) {
    return apply(attempt.jobId(),
        new JobTransition.Renew(Attempt.of(attempt), localMember(), clock.instant().plus(lease)));
  }

  /**
   * Takes back every running job whose lease ran out unrenewed: back to the queue, or failed with WORKER_LOST after
   * {@code maxAttempts}.
   *
   * @return the jobs taken back: queued again, or failed for good
   */
  public Future<List<Job>> reclaimExpired(int maxAttempts) {
    return reclaim(new LostAttempts.LeaseRanOut(clock.instant()), maxAttempts);
  }

  /**
   * Takes back, without waiting for their leases, the running jobs held by members that are not in the cluster now
   * (see {@link LostAttempts.HolderGone}): a node that left, or every node of the cluster's previous start.
   *
   * @return the jobs taken back: queued again, or failed for good
   */
  public Future<List<Job>> reclaimFromGoneMembers(int maxAttempts) {
    return reclaim(new LostAttempts.HolderGone(liveMembers()), maxAttempts);
  }

  Future<List<Job>> reclaim(LostAttempts lost, int maxAttempts) {
    Instant now = clock.instant();
    return processingIds()
        .compose(ids -> Future.all(ids.stream()
            .map(id -> apply(id, new JobTransition.Reclaim(lost, now, maxAttempts, resultTtl.toSeconds())))
            .toList()))
        .map(results -> results.<Optional<Job>>list().stream().flatMap(Optional::stream).toList());
  }

  /** Cancels a queued or running job; empty when it had already ended. */
  public Future<Optional<Job>> cancel(String jobId) {
    return apply(jobId, new JobTransition.Cancel(clock.instant(), resultTtl.toSeconds()));
  }

  public Future<Void> delete(String jobId) {
    return calls.async(() -> jobs.removeAsync(jobId)).mapEmpty();
  }

  /**
   * One page of a caller's jobs, newest first (see {@link JobOrder}): each member sends back at most one page.
   *
   * @param status only jobs in this status; null for all
   * @param after  the job the previous page ended with; null for the first page
   */
  public Future<List<Job>> list(Caller caller, JobStatus status, Job after, int limit) {
    Predicate<String, HazelcastJsonValue> owned = Predicates.equal(StoreMaps.OWNER_ATTRIBUTE, caller.id());
    Predicate<String, HazelcastJsonValue> wanted = status == null
        ? owned
        : Predicates.and(owned, Predicates.equal(StoreMaps.STATUS_ATTRIBUTE, status.wireName()));
    return calls.blocking(() -> jobs.values(JobOrder.page(wanted, after, limit)).stream()
        .map(value -> JobJson.read(value.getValue()))
        .toList());
  }

  /** What a caller holds in the store, cluster-wide, measured by one aggregation over its jobs. */
  public Future<KeyUsage> usage(Caller caller) {
    return calls.blocking(() -> jobs.aggregate(new KeyUsage.Sum(),
        Predicates.equal(StoreMaps.OWNER_ATTRIBUTE, caller.id())));
  }

  /** How many jobs wait in the queue, cluster-wide, and how many bytes their documents hold. */
  public Future<QueueDepth> queueDepth() {
    Predicate<String, HazelcastJsonValue> queued =
        Predicates.equal(StoreMaps.STATUS_ATTRIBUTE, JobStatus.QUEUED.wireName());
    return calls.blocking(() -> new QueueDepth(jobs.aggregate(Aggregators.count(), queued),
        jobs.aggregate(Aggregators.longSum(StoreMaps.SIZE_ATTRIBUTE), queued)));
  }

  /** How many jobs the cluster holds in each status, counted in one aggregation. */
  public Future<JobCensus> census() {
    return calls.blocking(() -> jobs.aggregate(new JobCensus.Count()));
  }

  /** The queue's length, in jobs and in bytes of documents. */
  public record QueueDepth(long jobs, long bytes) {
  }

  private Future<List<String>> processingIds() {
    Predicate<String, HazelcastJsonValue> processing =
        Predicates.equal(StoreMaps.STATUS_ATTRIBUTE, JobStatus.PROCESSING.wireName());
    return calls.blocking(() -> List.copyOf(jobs.keySet(processing)));
  }

  /** This node's member as it is now: one that merged back after a split is a new member, with a new id. */
  private String localMember() {
    return member.getCluster().getLocalMember().getUuid().toString();
  }

  private Set<String> liveMembers() {
    return member.getCluster().getMembers().stream()
        .map(live -> live.getUuid().toString())
        .collect(Collectors.toSet());
  }

  /**
   * Applies a transition; a job that it ends is counted by this node and announced to every node (long-polling
   * clients wait for that).
   */
  private Future<Optional<Job>> apply(String jobId, JobTransition transition) {
    return calls.async(() -> jobs.submitToKey(jobId, transition))
        .map(json -> Optional.ofNullable(json).map(JobJson::read))
        .onSuccess(changed -> changed.filter(job -> job.status().isTerminal()).ifPresent(ended -> {
          metrics.finished(ended);
          announcer.runOnContext(announce -> eventBus.publish(Addresses.JOB_FINISHED, jobId));
        }));
  }

  /** The oldest queued jobs that are due (not waiting out a backoff), oldest first. */
  private Future<List<String>> oldestQueuedIds() {
    Instant now = clock.instant();
    return calls.blocking(() -> jobs.project(
            Projections.<Map.Entry<String, HazelcastJsonValue>>multiAttribute(QueryConstants.KEY_ATTRIBUTE_NAME.value(),
                StoreMaps.CREATED_ATTRIBUTE, StoreMaps.NOT_BEFORE_ATTRIBUTE),
            Predicates.equal(StoreMaps.STATUS_ATTRIBUTE, JobStatus.QUEUED.wireName()))
        .stream()
        .filter(row -> row[2] == null || !now.isBefore(Instant.parse(String.valueOf(row[2]))))
        .sorted(Comparator.comparing(row -> Instant.parse(String.valueOf(row[1]))))
        .limit(CLAIM_CANDIDATES)
        .map(row -> String.valueOf(row[0]))
        .toList());
  }

  private Future<Optional<Job>> claimFirst(List<String> ids, int index, String nodeId, Duration lease) {
    if (index >= ids.size()) {
      return Future.succeededFuture(Optional.empty());
    }
    return claim(ids.get(index), nodeId, lease).compose(claimed -> claimed.isPresent()
        ? Future.succeededFuture(claimed)
        : claimFirst(ids, index + 1, nodeId, lease));
  }
}
