package io.docparser.http;

import io.docparser.api.Addresses;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets long-polling status requests wait for their job to end without polling the job map: each node hears every
 * job that ends on the event bus. Confined to the HTTP verticle's event loop, where it is created and where the
 * requests that wait run; its two meters are read by scrapes from other threads.
 */
final class FinishedJobs {

  static final String LONG_POLLS = "docparser.long.polls";
  static final String WOKEN = "docparser.long.polls.woken";

  private final Vertx vertx;
  private final Map<String, List<Promise<Void>>> waiting = new HashMap<>();
  private final AtomicInteger polling = new AtomicInteger();
  private final Counter woken;

  private FinishedJobs(Vertx vertx, MeterRegistry registry) {
    this.vertx = vertx;
    Gauge.builder(LONG_POLLS, polling, AtomicInteger::get)
        .description("Status requests waiting on this node for their job to end")
        .register(registry);
    this.woken = Counter.builder(WOKEN)
        .description("Waiting status requests answered because their job's end was announced")
        .register(registry);
  }

  /** Starts listening; call on the event loop that serves the status requests. */
  static Future<FinishedJobs> listen(Vertx vertx, MeterRegistry registry) {
    FinishedJobs finished = new FinishedJobs(vertx, registry);
    return vertx.eventBus().<String>consumer(Addresses.JOB_FINISHED, message -> finished.ended(message.body()))
        .completion()
        .map(finished);
  }

  /**
   * A future that completes when the job is announced as ended, or after {@code atMostMs} (an announcement can be
   * missed, so the caller reads the job again either way). Register before reading the job, so that an end between
   * the read and the registration is not missed.
   */
  Future<Void> next(String jobId, long atMostMs) {
    Promise<Void> ended = Promise.promise();
    waiting.computeIfAbsent(jobId, id -> new ArrayList<>()).add(ended);
    long timer = vertx.setTimer(Math.max(1, atMostMs), fired -> {
      forget(jobId, ended);
      ended.tryComplete();
    });
    return ended.future().onComplete(done -> vertx.cancelTimer(timer));
  }

  /**
   * Counts a request as waiting from now (its job was read and had not ended) until {@code ended}, a future of
   * {@link #next}, completes.
   */
  Future<Void> waitFor(Future<Void> ended) {
    polling.incrementAndGet();
    return ended.onComplete(done -> polling.decrementAndGet());
  }

  /** Drops a wait that is no longer needed (the job had ended when it was read). */
  void forget(String jobId, Future<Void> wait) {
    List<Promise<Void>> promises = waiting.get(jobId);
    if (promises != null) {
      promises.removeIf(promise -> promise.future() == wait);
      if (promises.isEmpty()) {
        waiting.remove(jobId);
      }
    }
  }

  private void forget(String jobId, Promise<Void> promise) {
    forget(jobId, promise.future());
  }

  private void ended(String jobId) {
    List<Promise<Void>> promises = waiting.remove(jobId);
    if (promises != null) {
      promises.stream().filter(Promise::tryComplete).forEach(promise -> woken.increment());
    }
  }
}
