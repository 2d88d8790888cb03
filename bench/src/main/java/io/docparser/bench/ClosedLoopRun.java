package io.docparser.bench;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pushes a corpus through the API with a fixed number of concurrent clients, each doing what a client does: submit,
 * long-poll until the job ends, fetch the result, delete the job (so that the service's maps stay flat).
 */
final class ClosedLoopRun {

  private final ApiClient api;
  private final List<String> bases;
  private final int clients;
  final Latencies endToEnd = new Latencies();
  final Latencies submit = new Latencies();
  final Latencies overhead = new Latencies();
  final AtomicInteger failed = new AtomicInteger();
  final AtomicInteger errors = new AtomicInteger();

  /** @param bases the API nodes, used in turn */
  ClosedLoopRun(ApiClient api, List<String> bases, int clients) {
    this.api = api;
    this.bases = bases;
    this.clients = clients;
  }

  /**
   * @param ceiling where each document's in-process parse time comes from, or null (no overhead is computed)
   * @return the wall time in nanos
   */
  long run(List<BenchDocument> corpus, int passes, InProcessCeiling ceiling) throws InterruptedException {
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
          process(bases.get(Math.floorMod(turn.getAndIncrement(), bases.size())), document, ceiling);
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.HOURS);
    return System.nanoTime() - start;
  }

  private void process(String base, BenchDocument document, InProcessCeiling ceiling) {
    try {
      long start = System.nanoTime();
      String jobId = ApiClient.jobId(api.submit(base, document).join());
      submit.record(System.nanoTime() - start);
      String status = api.awaitEnd(base, jobId).getString("status");
      if ("completed".equals(status)) {
        api.get(base + "/result/" + jobId);
      } else {
        failed.incrementAndGet();
      }
      long took = System.nanoTime() - start;
      endToEnd.record(took);
      if (ceiling != null && !Double.isNaN(ceiling.medianParseMs(document.name()))) {
        overhead.record(Math.max(0, took - (long) (ceiling.medianParseMs(document.name()) * 1e6)));
      }
      api.delete(base, jobId).join();
    } catch (Exception e) {
      errors.incrementAndGet();
    }
  }
}
