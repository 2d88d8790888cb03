package io.docparser.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docparser.jobs.JobStore.QueueDepth;
import io.vertx.core.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The queue gauge in front of admission")
class QueueGaugeTest {

  private final AtomicReference<QueueDepth> queue = new AtomicReference<>(new QueueDepth(0, 0));

  @Test
  @DisplayName("counts what it admitted until a measurement includes it")
  void countsAdmittedJobsUntilMeasured() {
    QueueGauge gauge = new QueueGauge(() -> Future.succeededFuture(queue.get()));
    assertEquals(new QueueDepth(0, 0), gauge.estimate().result());
    gauge.admitted(100);
    gauge.admitted(50);
    assertEquals(new QueueDepth(2, 150), gauge.estimate().result());
  }

  @Test
  @DisplayName("measures again once stale, even when every measurement is over before the gauge looks at it")
  void measuresAgainAfterMeasurementsThatEndAtOnce() throws InterruptedException {
    QueueGauge gauge = new QueueGauge(() -> Future.succeededFuture(queue.get()));
    gauge.estimate();
    gauge.admitted(100);
    gauge.admitted(100);
    queue.set(new QueueDepth(2, 200));
    Thread.sleep(QueueGauge.REFRESH_MS + 100);
    assertEquals(new QueueDepth(2, 200), gauge.fresh().result(), "the two admitted jobs counted twice");

    queue.set(new QueueDepth(0, 0));
    Thread.sleep(QueueGauge.REFRESH_MS + 100);
    assertEquals(new QueueDepth(0, 0), gauge.fresh().result(), "a drained queue still looks full");
  }
}
