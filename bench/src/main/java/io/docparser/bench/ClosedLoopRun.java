package io.docparser.bench;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Pushes a corpus through the API with a fixed number of concurrent clients, each doing what a client does: submit,
 * long-poll until the job ends, fetch the result, delete the job (so that the service's maps stay flat).
 */
final class ClosedLoopRun {

  private final ApiClient api;
  private final List<String> bases;
  private final int clients;
  private final InProcessCeiling ceiling;
  final Latencies endToEnd = new Latencies();
  final Latencies submit = new Latencies();
  final Latencies overhead = new Latencies();
  final DocumentOutcomes outcomes;
  /** Rounds in which the harness got no answer about the document: they are not documents of the run. */
  final AtomicInteger errors = new AtomicInteger();
  final AtomicReference<String> firstError = new AtomicReference<>();

  /**
   * @param bases   the API nodes, used in turn
   * @param ceiling each document's in-process outcome and parse time alone, which the service's are compared with
   */
  ClosedLoopRun(ApiClient api, List<String> bases, int clients, InProcessCeiling ceiling) {
    this.api = api;
    this.bases = bases;
    this.clients = clients;
    this.ceiling = ceiling;
    this.outcomes = new DocumentOutcomes(ceiling);
  }

  /** @return the wall time in nanos */
  long run(List<BenchDocument> corpus, int passes) throws InterruptedException {
    ConcurrentLinkedQueue<BenchDocument> work = new ConcurrentLinkedQueue<>();
    for (int pass = 0; pass < passes; pass++) {
      work.addAll(corpus);
    }
    AtomicInteger turn = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    for (int i = 0; i < clients; i++) {
      pool.execute(() -> {
        for (BenchDocument document = work.poll(); document != null; document = work.poll()) {
          process(bases.get(Math.floorMod(turn.getAndIncrement(), bases.size())), document);
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.HOURS);
    return System.nanoTime() - start;
  }

  JsonObject errorsToJson() {
    return new JsonObject().put("count", errors.get()).put("first", firstError.get());
  }

  private void process(String base, BenchDocument document) {
    try {
      long start = System.nanoTime();
      HttpResponse<String> answer = api.submit(base, document).join();
      String refusal = ApiClient.refusal(answer);
      if (refusal != null) {
        outcomes.record(document, refusal);
        return;
      }
      String jobId = ApiClient.jobId(answer);
      submit.record(System.nanoTime() - start);
      String outcome = outcome(api.awaitEnd(base, jobId));
      if (DocumentOutcomes.COMPLETED.equals(outcome)) {
        api.result(base, jobId);
      }
      long took = System.nanoTime() - start;
      api.delete(base, jobId);
      outcomes.record(document, outcome);
      endToEnd.record(took);
      recordOverhead(document, took);
    } catch (Exception e) {
      errors.incrementAndGet();
      firstError.compareAndSet(null, document.name() + ": " + e);
    }
  }

  private void recordOverhead(BenchDocument document, long tookNanos) {
    double parseAloneMs = ceiling.medianParseMs(document.name());
    if (!Double.isNaN(parseAloneMs)) {
      overhead.record(Math.max(0, tookNanos - (long) (parseAloneMs * 1e6)));
    }
  }

  private static String outcome(JsonObject status) {
    String state = status.getString("status");
    return DocumentOutcomes.COMPLETED.equals(state) ? state : state + " " + status.getString("error_code");
  }
}
