package io.docparser.jobs;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A cluster-wide measurement taken at most once per period, however many callers ask for it: callers within the
 * period share the last measurement, and callers while one is under way share that one. A failed measurement is not
 * kept, so the next caller measures again (still one at a time).
 */
final class PeriodicMeasurement<T> {

  private final Supplier<Future<T>> measurement;
  private final long periodNanos;
  private Future<T> latest;
  private long startedAtNanos;

  PeriodicMeasurement(Supplier<Future<T>> measurement, Duration period) {
    this.measurement = measurement;
    this.periodNanos = period.toNanos();
  }

  /** The measurement under way, or the last one if it succeeded less than a period after it started. */
  synchronized Future<T> latest() {
    if (latest == null || latest.failed() || (latest.succeeded() && isDue())) {
      startedAtNanos = System.nanoTime();
      latest = measurement.get();
    }
    return latest;
  }

  private boolean isDue() {
    return System.nanoTime() - startedAtNanos >= periodNanos;
  }
}
