package io.docparser.http;

import io.docparser.api.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lets long-polling status requests wait for their job to end without polling the job map: each node hears every
 * job that ends on the event bus. Confined to the HTTP verticle's event loop, where it is created and where the
 * requests that wait run.
 */
final class FinishedJobs {

  private final Vertx vertx;
  private final Map<String, List<Promise<Void>>> waiting = new HashMap<>();

  private FinishedJobs(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Starts listening; call on the event loop that serves the status requests. */
  static Future<FinishedJobs> listen(Vertx vertx) {
    FinishedJobs finished = new FinishedJobs(vertx);
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
      promises.forEach(Promise::tryComplete);
    }
  }
}
