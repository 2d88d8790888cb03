package io.docparser.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import io.docparser.api.Caller;
import io.docparser.api.ErrorCode;
import io.docparser.persistence.StoreMaps;
import io.docparser.support.TestDatabases;
import io.docparser.cluster.HazelcastConfigs;
import io.docparser.config.OwnerSecret;
import io.docparser.support.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The job store on a real Hazelcast member")
class JobStoreTest {

  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final Duration TTL = Duration.ofHours(1);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  /** As if the member that claimed a job had left the cluster. */
  private static final LostAttempts EVERY_MEMBER_GONE = new LostAttempts.HolderGone(Set.of());

  private static HazelcastInstance hazelcast;
  private JobStore store;
  private MutableClock clock;

  @BeforeAll
  static void startMember() {
    hazelcast = Hazelcast.newHazelcastInstance(HazelcastConfigs.standalone(TestDatabases.embedded(), OwnerSecret.NONE));
  }

  @AfterAll
  static void stopMember() {
    hazelcast.shutdown();
  }

  @BeforeEach
  void emptyStore(Vertx vertx) {
    hazelcast.getMap(StoreMaps.JOBS).clear();
    clock = new MutableClock(Instant.now());
    store = new JobStore(vertx, hazelcast, clock, TTL, JobMetrics.withOwnRegistry());
  }

  @Test
  @DisplayName("of many slots that claim one job at once, exactly one gets it")
  void oneClaimWins(VertxTestContext context) {
    Job job = queued(T0);
    store.insert(job)
        .compose(inserted -> Future.all(IntStream.range(0, 16)
            .mapToObj(slot -> store.claim(job.jobId(), "node-" + slot, LEASE))
            .toList()))
        .onComplete(context.succeeding(claims -> context.verify(() -> {
          List<Optional<Job>> results = claims.list();
          assertEquals(1, results.stream().filter(Optional::isPresent).count());
          Job claimed = results.stream().flatMap(Optional::stream).findFirst().orElseThrow();
          assertEquals(JobStatus.PROCESSING, claimed.status());
          assertEquals(1, claimed.attempts());
          assertTrue(claimed.leaseExpiresAt().isAfter(claimed.startedAt()));
          context.completeNow();
        })));
  }

  @Test
  @DisplayName("a free slot takes the oldest queued job first")
  void oldestQueuedJobIsTakenFirst(VertxTestContext context) {
    Job newest = queued(T0.plusSeconds(20));
    Job oldest = queued(T0);
    Job middle = queued(T0.plusMillis(10_500));
    Future.all(store.insert(newest), store.insert(oldest), store.insert(middle))
        .compose(inserted -> store.claimOldest("node-a", LEASE))
        .compose(first -> store.claimOldest("node-a", LEASE).map(second -> List.of(first, second)))
        .onComplete(context.succeeding(taken -> context.verify(() -> {
          assertEquals(oldest.jobId(), taken.get(0).orElseThrow().jobId());
          assertEquals(middle.jobId(), taken.get(1).orElseThrow().jobId());
          context.completeNow();
        })));
  }

  @Test
  @DisplayName("an empty queue gives nothing to claim")
  void emptyQueueGivesNothing(VertxTestContext context) {
    store.claimOldest("node-a", LEASE).onComplete(context.succeeding(claimed -> context.verify(() -> {
      assertTrue(claimed.isEmpty());
      context.completeNow();
    })));
  }

  @Test
  @DisplayName("the first outcome of a job wins, and a finished job expires after the result TTL")
  void firstOutcomeWinsAndFinishedJobsExpire(VertxTestContext context) {
    Job job = queued(T0);
    store.insert(job)
        .compose(inserted -> store.claim(job.jobId(), "node-a", LEASE))
        .compose(claimed -> store.finish(claimed.orElseThrow(),
            JobOutcome.failed(ErrorCode.CORRUPT_DOCUMENT, "broken", "application/pdf", "abc")))
        .compose(failed -> store.finish(job, JobOutcome.completed("text/plain", "abc", 10))
            .map(late -> List.of(failed, late)))
        .compose(outcomes -> store.find(job.jobId()).map(found -> List.of(outcomes.get(0), outcomes.get(1), found)))
        .onComplete(context.succeeding(outcomes -> context.verify(() -> {
          assertEquals(JobStatus.FAILED, outcomes.get(0).orElseThrow().status());
          assertTrue(outcomes.get(1).isEmpty(), "a late completion changed a failed job");
          Job stored = outcomes.get(2).orElseThrow();
          assertEquals(JobStatus.FAILED, stored.status());
          assertEquals(ErrorCode.CORRUPT_DOCUMENT, stored.errorCode());
          assertEquals("application/pdf", stored.contentType());
          long ttlMs = hazelcast.<String, HazelcastJsonValue>getMap(StoreMaps.JOBS).getEntryView(job.jobId()).getTtl();
          assertEquals(TTL.toMillis(), ttlMs);
          context.completeNow();
        })));
  }

  @Test
  @DisplayName("queued and processing jobs never expire")
  void unfinishedJobsDoNotExpire(VertxTestContext context) {
    Job job = queued(T0);
    store.insert(job)
        .compose(inserted -> store.claim(job.jobId(), "node-a", LEASE))
        .onComplete(context.succeeding(claimed -> context.verify(() -> {
          long ttlMs = hazelcast.<String, HazelcastJsonValue>getMap(StoreMaps.JOBS).getEntryView(job.jobId()).getTtl();
          assertTrue(ttlMs <= 0 || ttlMs == Long.MAX_VALUE, "a processing job has a TTL of " + ttlMs + " ms");
          context.completeNow();
        })));
  }

  @Test
  @DisplayName("a late result of an attempt that was taken back never overwrites the attempt that replaced it")
  void lateResultOfTakenBackAttemptIsIgnored(VertxTestContext context) {
    Job job = queued(T0);
    store.insert(job)
        .compose(inserted -> store.claim(job.jobId(), "node-a", LEASE))
        .compose(first -> store.reclaim(EVERY_MEMBER_GONE, 3)
            .compose(back -> afterBackoff(back))
            .compose(back -> store.claim(job.jobId(), "node-b", LEASE))
            .compose(second -> store.finish(first.orElseThrow(), JobOutcome.completed("text/plain", "old", 10))
                .compose(late -> store.finish(second.orElseThrow(), JobOutcome.completed("text/plain", "new", 10))
                    .map(current -> List.of(late, current)))))
        .onComplete(context.succeeding(outcomes -> context.verify(() -> {
          assertTrue(outcomes.get(0).isEmpty(), "the old attempt's late result was taken");
          Job done = outcomes.get(1).orElseThrow();
          assertEquals(JobStatus.COMPLETED, done.status());
          assertEquals("new", done.sha256());
          assertEquals("node-b", done.node());
          assertEquals(2, done.attempts());
          context.completeNow();
        })));
  }

  @Test
  @DisplayName("an attempt whose lease ran out goes back to the queue, and fails as WORKER_LOST past the maximum")
  void expiredLeasesAreTakenBack(VertxTestContext context) {
    Job job = queued(T0);
    Duration expired = Duration.ofSeconds(-1);
    store.insert(job)
        .compose(inserted -> store.claim(job.jobId(), "node-a", expired))
        .compose(claimed -> store.reclaimExpired(2))
        .compose(firstTakeBack -> afterBackoff(firstTakeBack))
        .compose(firstTakeBack -> store.claim(job.jobId(), "node-b", expired)
            .compose(claimed -> store.reclaimExpired(2))
            .map(secondTakeBack -> List.of(firstTakeBack, secondTakeBack)))
        .onComplete(context.succeeding(takeBacks -> context.verify(() -> {
          assertEquals(JobStatus.QUEUED, takeBacks.get(0).get(0).status());
          Job lost = takeBacks.get(1).get(0);
          assertEquals(JobStatus.FAILED, lost.status());
          assertEquals(ErrorCode.WORKER_LOST, lost.errorCode());
          assertEquals(2, lost.attempts());
          context.completeNow();
        })));
  }

  @Test
  @DisplayName("a running job whose member is gone goes back to the queue at once, long before its lease runs out, while"
      + " the job of a live member under the same node name runs on")
  void jobOfGoneMemberIsTakenBackAtOnce(VertxTestContext context) {
    Job orphan = queued(T0).claimedBy("node-a", "member-of-the-previous-start", clock.instant(),
        clock.instant().plus(LEASE));
    Job running = queued(T0);
    String liveMember = hazelcast.getCluster().getLocalMember().getUuid().toString();
    record Sweep(List<Job> takenBack, Job stillRunning) {
    }
    Future.all(store.insert(orphan), store.insert(running))
        .compose(inserted -> store.claim(running.jobId(), "node-a", LEASE))
        .compose(claimed -> store.reclaimFromGoneMembers(3))
        .compose(takenBack -> store.find(running.jobId()).map(still -> new Sweep(takenBack, still.orElseThrow())))
        .onComplete(context.succeeding(sweep -> context.verify(() -> {
          assertEquals(List.of(orphan.jobId()), sweep.takenBack().stream().map(Job::jobId).toList());
          assertEquals(JobStatus.QUEUED, sweep.takenBack().get(0).status());
          assertEquals(1, sweep.takenBack().get(0).attempts());
          assertEquals(JobStatus.PROCESSING, sweep.stillRunning().status());
          assertEquals(liveMember, sweep.stillRunning().leaseHolder());
          context.completeNow();
        })));
  }

  @Test
  @DisplayName("a renewed lease keeps its attempt from being taken back")
  void renewedLeaseIsKept(VertxTestContext context) {
    Job job = queued(T0);
    store.insert(job)
        .compose(inserted -> store.claim(job.jobId(), "node-a", Duration.ofSeconds(-1)))
        .compose(claimed -> store.renew(claimed.orElseThrow(), LEASE))
        .compose(renewed -> store.reclaimExpired(3))
        .onComplete(context.succeeding(takenBack -> context.verify(() -> {
          assertEquals(List.of(), takenBack);
          context.completeNow();
        })));
  }

  @Test
  @DisplayName("a job taken back is not claimed again before its backoff has passed")
  void takenBackJobWaitsOutItsBackoff(VertxTestContext context) {
    Job job = queued(T0);
    store.insert(job)
        .compose(inserted -> store.claim(job.jobId(), "node-a", LEASE))
        .compose(claimed -> store.reclaim(EVERY_MEMBER_GONE, 3))
        .compose(back -> store.claim(job.jobId(), "node-b", LEASE))
        .compose(tooSoon -> store.claimOldest("node-b", LEASE).map(oldest -> List.of(tooSoon, oldest)))
        .compose(early -> afterBackoff(early))
        .compose(early -> store.claimOldest("node-b", LEASE).map(late -> List.of(early.get(0), early.get(1), late)))
        .onComplete(context.succeeding(claims -> context.verify(() -> {
          assertTrue(claims.get(0).isEmpty(), "claimed during its backoff");
          assertTrue(claims.get(1).isEmpty(), "offered as the oldest during its backoff");
          assertEquals(job.jobId(), claims.get(2).orElseThrow().jobId());
          context.completeNow();
        })));
  }

  @Test
  @DisplayName("measures what a caller keeps: its jobs in any status, the active ones, and the bytes of the documents"
      + " of unfinished jobs and the results of completed ones")
  void measuresWhatACallerKeeps(VertxTestContext context) {
    Caller alice = new Caller("alice");
    List<Job> jobs = IntStream.rangeClosed(1, 5)
        .mapToObj(i -> Job.queued(null, null, i * 10, "text", 1, T0).submittedBy(alice.id(), null))
        .toList();
    Job completedBeforeResultBytes = Job.queued(null, null, 60, "text", 1, T0).submittedBy(alice.id(), null);
    IMap<String, HazelcastJsonValue> map = hazelcast.getMap(StoreMaps.JOBS);
    Future.all(jobs.stream().map(store::insert).toList())
        .compose(inserted -> store.insert(queued(T0).submittedBy("bob", null)))
        .compose(inserted -> store.claim(jobs.get(1).jobId(), "node-a", LEASE))
        .compose(processing -> store.claim(jobs.get(2).jobId(), "node-a", LEASE))
        .compose(claimed -> store.finish(claimed.orElseThrow(), JobOutcome.completed("text/plain", "abc", 1000)))
        .compose(completed -> store.claim(jobs.get(3).jobId(), "node-a", LEASE))
        .compose(claimed -> store.finish(claimed.orElseThrow(),
            JobOutcome.failed(ErrorCode.CORRUPT_DOCUMENT, "broken", null, null)))
        .compose(failed -> store.cancel(jobs.get(4).jobId()))
        .compose(cancelled -> {
          Job completed = completedBeforeResultBytes.claimedBy("node-a", "member-a", T0, T0)
              .finished(JobOutcome.completed("text/plain", "abc", 0), T0);
          JsonObject record = new JsonObject(JobJson.write(completed));
          record.remove(StoreMaps.RESULT_BYTES_ATTRIBUTE);
          map.set(completed.jobId(), new HazelcastJsonValue(record.encode()));
          return store.usage(alice);
        })
        .onComplete(context.succeeding(usage -> context.verify(() -> {
          assertEquals(new KeyUsage(6, 2, 10 + 20 + 1000), usage);
          context.completeNow();
        })));
  }

  @Nested
  @DisplayName("lists a caller's jobs")
  class Listing {

    private final Caller alice = new Caller("alice");
    private final Caller bob = new Caller("bob");

    @Test
    @DisplayName("newest first, page by page, each job once, also when many were created in the same millisecond")
    void pagesNewestFirstThroughEqualCreationTimes(VertxTestContext context) {
      List<Job> alices = new ArrayList<>();
      List<Job> everyone = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        Instant createdAt = i < 12 ? T0 : i < 24 ? T0.plusMillis(1) : T0.plusSeconds(5);
        alices.add(queued(createdAt).submittedBy(alice.id(), null));
        everyone.add(queued(createdAt).submittedBy(bob.id(), null));
      }
      everyone.addAll(alices);
      insertAll(everyone)
          .compose(inserted -> allPages(alice, null, 7))
          .onComplete(context.succeeding(pages -> context.verify(() -> {
            assertEquals(newestFirst(alices), ids(pages));
            assertEquals(List.of(7, 7, 7, 7, 2), pages.stream().map(List::size).toList());
            context.completeNow();
          })));
    }

    @Test
    @DisplayName("in one status only, on every page")
    void filtersByStatusOnEveryPage(VertxTestContext context) {
      List<Job> queued = IntStream.range(0, 10)
          .mapToObj(i -> queued(T0.plusMillis(i % 3)).submittedBy(alice.id(), null))
          .toList();
      insertAll(queued)
          .compose(inserted -> Future.all(queued.subList(0, 4).stream()
              .map(job -> store.claim(job.jobId(), "node-a", LEASE))
              .toList()))
          .compose(claimed -> allPages(alice, JobStatus.PROCESSING, 3)
              .compose(processing -> allPages(alice, JobStatus.QUEUED, 3)
                  .map(stillQueued -> List.of(processing, stillQueued))))
          .onComplete(context.succeeding(listed -> context.verify(() -> {
            assertEquals(newestFirst(queued.subList(0, 4)), ids(listed.get(0)));
            assertEquals(newestFirst(queued.subList(4, 10)), ids(listed.get(1)));
            context.completeNow();
          })));
    }

    @Test
    @DisplayName("without a key, only the jobs submitted without one")
    void anonymousCallerSeesOnlyJobsWithoutOwner(VertxTestContext context) {
      List<Job> anonymous = List.of(queued(T0), queued(T0.plusSeconds(1)), queued(T0.plusSeconds(1)));
      List<Job> everyone = new ArrayList<>(anonymous);
      everyone.add(queued(T0.plusSeconds(1)).submittedBy(alice.id(), null));
      insertAll(everyone)
          .compose(inserted -> allPages(Caller.ANONYMOUS, null, 2))
          .onComplete(context.succeeding(pages -> context.verify(() -> {
            assertEquals(newestFirst(anonymous), ids(pages));
            context.completeNow();
          })));
    }

    @Test
    @DisplayName("in order with records written before created_ms existed, ordered by their created_at")
    void ordersRecordsWithoutCreatedMsByCreatedAt(VertxTestContext context) {
      List<Job> current = IntStream.range(0, 6)
          .mapToObj(i -> queued(T0.plusMillis(i % 2 * 500)).submittedBy(alice.id(), null))
          .toList();
      List<Job> older = IntStream.range(0, 6)
          .mapToObj(i -> queued(T0.plusMillis(i % 3 * 250)).submittedBy(alice.id(), null))
          .toList();
      IMap<String, HazelcastJsonValue> map = hazelcast.getMap(StoreMaps.JOBS);
      older.forEach(job -> map.set(job.jobId(), new HazelcastJsonValue(writtenBeforeCreatedMs(job))));
      List<Job> all = new ArrayList<>(current);
      all.addAll(older);
      insertAll(current)
          .compose(inserted -> allPages(alice, null, 4))
          .onComplete(context.succeeding(pages -> context.verify(() -> {
            assertEquals(newestFirst(all), ids(pages));
            context.completeNow();
          })));
    }

    /** Every page, following each full page's last job as the cursor, as GET /jobs does with next_cursor. */
    private Future<List<List<Job>>> allPages(Caller caller, JobStatus status, int limit) {
      return pagesAfter(caller, status, null, limit, new ArrayList<>());
    }

    private Future<List<List<Job>>> pagesAfter(Caller caller, JobStatus status, Job after, int limit,
        List<List<Job>> pages) {
      return store.list(caller, status, after, limit).compose(page -> {
        pages.add(page);
        return page.size() < limit
            ? Future.succeededFuture(pages)
            : pagesAfter(caller, status, page.get(page.size() - 1), limit, pages);
      });
    }

    private Future<?> insertAll(List<Job> jobs) {
      return Future.all(jobs.stream().map(store::insert).toList());
    }

    private static List<String> newestFirst(List<Job> jobs) {
      return jobs.stream()
          .sorted(Comparator.comparing(Job::createdAt).reversed().thenComparing(Job::jobId))
          .map(Job::jobId)
          .toList();
    }

    private static List<String> ids(List<List<Job>> pages) {
      return pages.stream().flatMap(List::stream).map(Job::jobId).toList();
    }

    private static String writtenBeforeCreatedMs(Job job) {
      JsonObject record = new JsonObject(JobJson.write(job));
      assertTrue(record.containsKey(StoreMaps.CREATED_MS_ATTRIBUTE));
      record.remove(StoreMaps.CREATED_MS_ATTRIBUTE);
      return record.encode();
    }
  }

  /** Moves the clock past any backoff; passes its value through. */
  private <T> Future<T> afterBackoff(T value) {
    clock.advance(Duration.ofMinutes(1));
    return Future.succeededFuture(value);
  }

  private static Job queued(Instant createdAt) {
    return Job.queued(null, null, 10, "text", 1, createdAt);
  }
}
