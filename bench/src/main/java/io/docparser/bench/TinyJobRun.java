package io.docparser.bench;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * The cost of a job itself, apart from parsing: one client sends tiny text documents one at a time (submit,
 * long-poll, fetch the result, delete), so that no job waits behind another and the parse is next to nothing. Its
 * latency is the median time from submit to result; its CPU is what the service's whole process tree used over the
 * jobs (their deletes included, as in the throughput runs), per job.
 */
final class TinyJobRun {

  /** Jobs sent first and not measured, so that the tiny-document path has compiled. */
  private static final int WARM_UP_JOBS = 20;

  private final ApiClient api;
  private final String base;
  private final ProcessHandle service;

  TinyJobRun(ApiClient api, String base, ProcessHandle service) {
    this.api = api;
    this.base = base;
    this.service = service;
  }

  JsonObject run(int jobs) throws Exception {
    for (int i = 0; i < WARM_UP_JOBS; i++) {
      send(i);
    }
    Latencies endToEnd = new Latencies();
    double cpuBefore = ProcessTreeCpu.seconds(service);
    for (int i = 0; i < jobs; i++) {
      endToEnd.record(send(WARM_UP_JOBS + i));
    }
    double cpuSeconds = ProcessTreeCpu.seconds(service) - cpuBefore;
    return new JsonObject()
        .put("jobs", jobs)
        .put("end_to_end_p50_ms", Latencies.round(endToEnd.percentileMs(50)))
        .put("end_to_end_p95_ms", Latencies.round(endToEnd.percentileMs(95)))
        .put("cpu_ms_per_job", Latencies.round(cpuSeconds * 1000 / jobs));
  }

  /** @return nanos from submit until the result was read */
  private long send(int number) throws Exception {
    BenchDocument tiny = new BenchDocument("tiny-" + number + ".txt",
        ("a tiny document, number " + number).getBytes(StandardCharsets.UTF_8), null);
    long start = System.nanoTime();
    String jobId = ApiClient.jobId(api.submit(base, tiny).join());
    String status = api.awaitEnd(base, jobId).getString("status");
    if (!DocumentOutcomes.COMPLETED.equals(status)) {
      throw new IllegalStateException("a tiny text job ended " + status);
    }
    api.result(base, jobId);
    long took = System.nanoTime() - start;
    api.delete(base, jobId);
    return took;
  }
}
