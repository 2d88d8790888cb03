package io.docparser.jobs;

import io.docparser.jobs.JobStore.QueueDepth;
import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The queue's depth as the admission check sees it: measured cluster-wide (a query over the job map) at most every
 * {@link #REFRESH_MS}, plus what this node admitted since. A query per submission would make every submission scan
 * the queue, which costs most when the queue is long, exactly when submissions come fast. A refusal is never based
 * on a measurement older than that, so a queue that has drained accepts again at once. The bound is approximate
 * either way: nodes admit concurrently.
 */
final class QueueGauge {

  static final long REFRESH_MS = 500;

  private final Supplier<Future<QueueDepth>> measurement;
  private final LongSupplier nanoTime;
  private QueueDepth measured;
  private long measuredAtNanos;
  private Future<QueueDepth> measuring;
  private long admittedJobs;
  private long admittedBytes;

  /** @param measurement a cluster-wide measurement of the queue, such as {@link JobStore#queueDepth} */
  QueueGauge(Supplier<Future<QueueDepth>> measurement) {
    this(measurement, System::nanoTime);
  }

  /** @param nanoTime the time in nanoseconds, as {@link System#nanoTime()} tells it */
  QueueGauge(Supplier<Future<QueueDepth>> measurement, LongSupplier nanoTime) {
    this.measurement = measurement;
    this.nanoTime = nanoTime;
  }

  /**
   * The depth estimated from the last measurement; a stale one is measured again in the background. Only the first
   * call waits.
   */
  Future<QueueDepth> estimate() {
    Future<QueueDepth> started;
    synchronized (this) {
      if (measured != null && !isStale()) {
        return Future.succeededFuture(current());
      }
      started = measure();
      if (measured != null) {
        return Future.succeededFuture(current());
      }
    }
    return started.map(measuredNow -> current());
  }

  /** The depth from a measurement no older than {@link #REFRESH_MS}: waits for a new one if need be. */
  Future<QueueDepth> fresh() {
    synchronized (this) {
      if (measured != null && !isStale()) {
        return Future.succeededFuture(current());
      }
      return measure().map(measuredNow -> current());
    }
  }

  /** Counts a job this node admitted, until a measurement includes it. */
  synchronized void admitted(long bytes) {
    admittedJobs++;
    admittedBytes += bytes;
  }

  private synchronized QueueDepth current() {
    return new QueueDepth(measured.jobs() + admittedJobs, measured.bytes() + admittedBytes);
  }

  private boolean isStale() {
    return nanoTime.getAsLong() - measuredAtNanos > TimeUnit.MILLISECONDS.toNanos(REFRESH_MS);
  }

  /** Starts a measurement, or joins the one under way. Called holding the lock. */
  private Future<QueueDepth> measure() {
    if (measuring != null) {
      return measuring;
    }
    long jobsBefore = admittedJobs;
    long bytesBefore = admittedBytes;
    Future<QueueDepth> started = measurement.get();
    // Assigned before the handler is added: a measurement that is over already runs the handler at once, which
    // must leave no finished measurement behind for later calls to join.
    measuring = started;
    started.onComplete(done -> {
      synchronized (this) {
        measuring = null;
        if (done.succeeded()) {
          measured = done.result();
          measuredAtNanos = nanoTime.getAsLong();
          admittedJobs -= jobsBefore;
          admittedBytes -= bytesBefore;
        }
      }
    });
    return started;
  }
}
