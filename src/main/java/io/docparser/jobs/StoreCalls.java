package io.docparser.jobs;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import io.docparser.api.ErrorCode;
import io.docparser.api.ServiceException;
import io.docparser.persistence.DatabaseUnavailableException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Runs calls to the cluster's maps without blocking an event loop: asynchronous Hazelcast calls come back on the
 * caller's context, blocking ones (queries) run on a worker thread. A store that cannot be reached becomes
 * STORE_UNAVAILABLE, which the API answers with 503.
 */
final class StoreCalls {

  /**
   * Where an answer is handed over: on the Hazelcast thread that completed the call, which only passes it to the
   * caller's context. Hazelcast's default would run it on its default async executor, which on a
   * machine with two CPUs (a common pool of one thread) starts a new thread for every answer.
   */
  private static final Executor ON_HAZELCAST_THREAD = Runnable::run;

  private final Vertx vertx;

  StoreCalls(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * @param call starts an asynchronous Hazelcast call; it is a supplier because Hazelcast throws at once, rather
   *             than failing the stage, when its member is no longer running
   */
  <T> Future<T> async(Supplier<CompletionStage<T>> call) {
    Context context = vertx.getOrCreateContext();
    CompletionStage<T> stage;
    try {
      stage = call.get();
    } catch (RuntimeException e) {
      return unavailable(e);
    }
    Promise<T> answered = Promise.promise();
    stage.whenCompleteAsync((value, failure) -> context.runOnContext(back -> {
      if (failure == null) {
        answered.complete(value);
      } else {
        answered.fail(failure);
      }
    }), ON_HAZELCAST_THREAD);
    return answered.future().recover(StoreCalls::unavailable);
  }

  <T> Future<T> blocking(Callable<T> call) {
    return vertx.executeBlocking(call, false).recover(StoreCalls::unavailable);
  }

  private static <T> Future<T> unavailable(Throwable failure) {
    if (failure instanceof HazelcastException || failure instanceof HazelcastInstanceNotActiveException
        || failure.getCause() instanceof HazelcastException || isDatabaseDown(failure)) {
      return Future.failedFuture(new ServiceException(ErrorCode.STORE_UNAVAILABLE,
          "the job store is not reachable right now; try again shortly", failure));
    }
    return Future.failedFuture(failure);
  }

  /** A write-through map store's failure reaches the caller as it was thrown, sometimes wrapped. */
  private static boolean isDatabaseDown(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof DatabaseUnavailableException) {
        return true;
      }
    }
    return false;
  }
}
