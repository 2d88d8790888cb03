package io.docparser.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.docparser.cluster.HazelcastConfigs;
import io.docparser.config.OwnerSecret;
import io.docparser.persistence.StoreMaps;
import io.docparser.support.TestDatabases;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The cluster view behind GET /cluster, on a real Hazelcast member")
class ClusterViewTest {

  private static final int CALLS = 50;
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static HazelcastInstance hazelcast;
  private Stores stores;
  private final AtomicInteger censuses = new AtomicInteger();
  private ClusterView view;

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
    stores = Stores.open(vertx, hazelcast, Clock.systemUTC(), Duration.ofHours(1), JobMetrics.withOwnRegistry());
    view = new ClusterView(stores.nodes()::all, () -> {
      censuses.incrementAndGet();
      return stores.jobs().census();
    });
  }

  @Test
  @DisplayName("counts each status, and the queue in jobs and bytes")
  void countsEachStatusAndTheQueue(VertxTestContext context) {
    Job first = queued(100);
    Job second = queued(20);
    Job running = queued(1);
    Job cancelled = queued(1);
    insert(List.of(first, second, running, cancelled))
        .compose(inserted -> stores.jobs().claim(running.jobId(), "node-a", Duration.ofMinutes(1)))
        .compose(claimed -> stores.jobs().cancel(cancelled.jobId()))
        .compose(done -> view.snapshot())
        .onComplete(context.succeeding(cluster -> context.verify(() -> {
          assertEquals(new JsonObject().put("queued", 2L).put("processing", 1L).put("completed", 0L)
              .put("failed", 0L).put("cancelled", 1L), cluster.getJsonObject("jobs"));
          assertEquals(2, cluster.getLong("queue_depth"));
          assertEquals(120, cluster.getLong("queue_bytes"));
          context.completeNow();
        })));
  }

  @Test
  @DisplayName("answers any number of concurrent calls with one census per period, then counts again")
  void takesOneCensusPerPeriod(Vertx vertx, VertxTestContext context) {
    insert(List.of(queued(1), queued(1), queued(1)))
        .compose(inserted -> concurrentSnapshots())
        .compose(first -> {
          context.verify(() -> {
            assertEquals(1, censuses.get(), "censuses for " + CALLS + " concurrent calls");
            first.forEach(cluster -> assertEquals(3, cluster.getLong("queue_depth")));
          });
          return insert(List.of(queued(1), queued(1)));
        })
        .compose(more -> concurrentSnapshots())
        .compose(withinPeriod -> {
          context.verify(() -> {
            assertEquals(1, censuses.get(), "censuses within one period");
            withinPeriod.forEach(cluster -> assertEquals(3, cluster.getLong("queue_depth")));
          });
          return vertx.timer(ClusterView.CENSUS_PERIOD.toMillis()).compose(waited -> concurrentSnapshots());
        })
        .onComplete(context.succeeding(nextPeriod -> context.verify(() -> {
          assertEquals(2, censuses.get(), "censuses over two periods");
          nextPeriod.forEach(cluster -> assertEquals(5, cluster.getLong("queue_depth")));
          context.completeNow();
        })));
  }

  /** Calls that are all under way at once: none is answered before the last is made. */
  private Future<List<JsonObject>> concurrentSnapshots() {
    List<Future<JsonObject>> calls = IntStream.range(0, CALLS).mapToObj(i -> view.snapshot()).toList();
    return Future.all(calls).map(all -> all.list());
  }

  private Future<?> insert(List<Job> jobs) {
    return Future.all(jobs.stream().map(stores.jobs()::insert).toList());
  }

  private static Job queued(long sizeBytes) {
    return Job.queued(null, null, sizeBytes, "text", 1, T0);
  }
}
