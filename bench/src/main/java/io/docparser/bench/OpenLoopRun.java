package io.docparser.bench;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The API's own cost: tiny text documents submitted at a fixed rate whatever the answers (an open loop, so a slow
 * answer does not slow the offered load down), while another client reads job status in a loop.
 */
final class OpenLoopRun {

  private final ApiClient api;
  private final String base;

  OpenLoopRun(ApiClient api, String base) {
    this.api = api;
    this.base = base;
  }

  JsonObject run(int perSecond, int seconds) throws InterruptedException {
    Latencies submit = new Latencies();
    Latencies status = new Latencies();
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    List<String> ids = new CopyOnWriteArrayList<>();
    List<CompletableFuture<?>> inFlight = new CopyOnWriteArrayList<>();
    AtomicInteger sequence = new AtomicInteger();
    ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    long periodNanos = 1_000_000_000L / perSecond;
    long start = System.nanoTime();
    timer.scheduleAtFixedRate(() -> {
      long sent = System.nanoTime();
      BenchDocument tiny = new BenchDocument("tiny-" + sequence.incrementAndGet() + ".txt",
          ("a tiny document, number " + sequence.get()).getBytes(StandardCharsets.UTF_8), null);
      inFlight.add(api.submit(base, tiny).whenComplete((response, failure) -> {
        submit.record(System.nanoTime() - sent);
        if (failure != null) {
          errors.incrementAndGet();
        } else if (response.statusCode() == 202) {
          accepted.incrementAndGet();
          ids.add(new JsonObject(response.body()).getString("job_id"));
        } else if (response.statusCode() == 429) {
          refused.incrementAndGet();
        } else {
          errors.incrementAndGet();
        }
      }));
    }, 0, periodNanos, TimeUnit.NANOSECONDS);
    Thread reader = new Thread(() -> readStatusUntilInterrupted(ids, status, errors), "bench-status-reader");
    reader.start();
    Thread.sleep(seconds * 1000L);
    timer.shutdownNow();
    double offeredSeconds = (System.nanoTime() - start) / 1e9;
    awaitAnswers(inFlight);
    long unanswered = inFlight.stream().filter(request -> !request.isDone()).count();
    reader.interrupt();
    reader.join();
    return new JsonObject()
        .put("offered_per_s", perSecond)
        .put("seconds", seconds)
        .put("achieved_per_s", Latencies.round(accepted.get() / offeredSeconds))
        .put("accepted", accepted.get())
        .put("refused_429", refused.get())
        .put("errors", errors.get())
        .put("unanswered_after_30s", unanswered)
        .put("submit", submit.toJson())
        .put("status_under_load", status.toJson());
  }

  /** Answers still missing 30 s after the last submit are reported as unanswered rather than waited for. */
  private static void awaitAnswers(List<CompletableFuture<?>> inFlight) {
    try {
      CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    } catch (Exception stillWaiting) {
      // counted by the caller
    }
  }

  private void readStatusUntilInterrupted(List<String> ids, Latencies status, AtomicInteger errors) {
    int next = 0;
    while (!Thread.currentThread().isInterrupted()) {
      long sent = System.nanoTime();
      try {
        if (ids.isEmpty()) {
          Thread.sleep(1);
          continue;
        }
        String id = ids.get(next++ % ids.size());
        sent = System.nanoTime();
        if (api.get(base + "/status/" + id).statusCode() != 200) {
          errors.incrementAndGet();
        }
        status.record(System.nanoTime() - sent);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        errors.incrementAndGet();
      }
    }
  }
}
