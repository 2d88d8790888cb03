package io.docparser.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docparser.jobs.JobStore.QueueDepth;
import io.docparser.support.MutableClock;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The queue gauge in front of admission")
class QueueGaugeTest {

  private static final Duration STALE = Duration.ofMillis(QueueGauge.REFRESH_MS + 1);

  private final AtomicReference<QueueDepth> queue = new AtomicReference<>(new QueueDepth(0, 0));
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final QueueGauge gauge = new QueueGauge(() -> Future.succeededFuture(queue.get()),
      () -> TimeUnit.MILLISECONDS.toNanos(clock.millis()));

  @Test
  @DisplayName("counts what it admitted until a measurement includes it")
  void countsAdmittedJobsUntilMeasured() {
    assertEquals(new QueueDepth(0, 0), gauge.estimate().result());
    gauge.admitted(100);
    gauge.admitted(50);
    assertEquals(new QueueDepth(2, 150), gauge.estimate().result());
  }

  @Test
  @DisplayName("measures again once stale, even when every measurement is over before the gauge looks at it")
  void measuresAgainAfterMeasurementsThatEndAtOnce() {
    gauge.estimate();
    gauge.admitted(100);
    gauge.admitted(100);
    queue.set(new QueueDepth(2, 200));
    clock.advance(STALE);
    assertEquals(new QueueDepth(2, 200), gauge.fresh().result(), "the two admitted jobs counted twice");

    queue.set(new QueueDepth(0, 0));
    clock.advance(STALE);
    assertEquals(new QueueDepth(0, 0), gauge.fresh().result(), "a drained queue still looks full");
  }
}
