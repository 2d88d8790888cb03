package io.docparser.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The harness's results as Markdown tables, the form BENCHMARKS.md quotes. */
final class Report {

  private Report() {
  }

  /** The tables of the runs done so far (a run that is missing is left out). */
  static String markdown(JsonObject results) {
    JsonObject machine = results.getJsonObject("machine");
    JsonObject corpus = results.getJsonObject("corpus");
    StringBuilder md = new StringBuilder()
        .append("Machine: ").append(machine.getInteger("cpus")).append(" CPUs (").append(machine.getString("cpu_model"))
        .append("), ").append(machine.getLong("memory_mb")).append(" MB, ").append(machine.getString("java"))
        .append("\n\nCorpus: ").append(corpus.getString("source")).append(", ").append(corpus.getInteger("documents"))
        .append(" documents, ").append(String.format("%.1f", corpus.getLong("bytes") / 1e6)).append(" MB; ")
        .append(results.getInteger("slots")).append(" parser slots; ").append(results.getInteger("passes"))
        .append(" measured passes; storage of the process and none runs: ").append(results.getString("storage"))
        .append("\n\n")
        .append("| run | docs/s | ratio | CPU-ms per document | efficiency | e2e p50 / p95 / p99 ms"
            + " | submit p50 / p99 ms | overhead median ms | tiny job ms / CPU-ms | CPU cores busy | peak RSS MB"
            + " | heap after GC per pass MB | jobs / failed / differing / errors |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    row(md, "in-process Tika", results.getJsonObject("in_process"));
    row(md, "service, isolation process", results.getJsonObject("service_process"));
    row(md, "service, isolation none", results.getJsonObject("service_none"));
    differing(md, "process", results.getJsonObject("service_process"));
    differing(md, "none", results.getJsonObject("service_none"));
    if (results.containsKey("open_loop")) {
      openLoop(md, results.getJsonArray("open_loop"));
    }
    if (results.containsKey("scaling")) {
      scaling(md, results.getJsonArray("scaling"));
    }
    return md.toString();
  }

  private static void openLoop(StringBuilder md, JsonArray runs) {
    md.append("\nOpen loop (tiny text documents):\n\n")
        .append("| offered/s | achieved/s | accepted | 429 | errors | unanswered | submit p50 / p99 ms"
            + " | status p50 / p99 ms |\n")
        .append("|---|---|---|---|---|---|---|---|\n");
    for (Object item : runs) {
      JsonObject run = (JsonObject) item;
      md.append("| ").append(run.getInteger("offered_per_s")).append(" | ").append(run.getDouble("achieved_per_s"))
          .append(" | ").append(run.getInteger("accepted")).append(" | ").append(run.getInteger("refused_429"))
          .append(" | ").append(run.getInteger("errors")).append(" | ").append(run.getLong("unanswered_after_30s"))
          .append(" | ").append(pair(run.getJsonObject("submit")))
          .append(" | ").append(pair(run.getJsonObject("status_under_load"))).append(" |\n");
    }
  }

  private static void scaling(StringBuilder md, JsonArray runs) {
    md.append("\nScaling (same parser slots in total; with 3 nodes one serves the API only):\n\n")
        .append("| nodes | docs/s | MB/s | ratio | e2e p50 / p95 / p99 ms | errors |\n|---|---|---|---|---|---|\n");
    for (Object item : runs) {
      JsonObject run = (JsonObject) item;
      md.append("| ").append(run.getInteger("nodes")).append(" | ").append(run.getDouble("documents_per_s"))
          .append(" | ").append(run.getDouble("mb_per_s")).append(" | ").append(run.getDouble("ratio_to_in_process"))
          .append(" | ").append(triple(run.getJsonObject("end_to_end"))).append(" | ")
          .append(run.getInteger("errors")).append(" |\n");
    }
  }

  private static void row(StringBuilder md, String name, JsonObject run) {
    if (run == null) {
      return;
    }
    JsonObject cpu = run.getJsonObject("cpu");
    JsonArray heap = run.getJsonArray("heap_after_gc_mb_per_pass");
    md.append("| ").append(name)
        .append(" | ").append(run.getDouble("documents_per_s"))
        .append(" | ").append(run.containsKey("ratio_to_in_process") ? run.getDouble("ratio_to_in_process") : "1.0")
        .append(" | ").append(cpu.getDouble("ms_per_document"))
        .append(" | ").append(run.containsKey("efficiency") ? run.getDouble("efficiency") : "1.0")
        .append(" | ").append(run.containsKey("end_to_end") ? triple(run.getJsonObject("end_to_end")) : "-")
        .append(" | ").append(run.containsKey("submit") ? pair(run.getJsonObject("submit")) : "-")
        .append(" | ").append(run.containsKey("overhead_median_ms") ? run.getDouble("overhead_median_ms") : "-")
        .append(" | ").append(run.containsKey("tiny_job") ? tinyJob(run.getJsonObject("tiny_job")) : "-")
        .append(" | ").append(cpu.getDouble("cores_busy"))
        .append(" | ").append(run.getLong("peak_rss_mb"))
        .append(" | ").append(heap == null ? "-" : heap.encode())
        .append(" | ").append(run.containsKey("jobs") ? run.getInteger("jobs") + " / " + run.getInteger("failed_jobs")
            + " / " + differingJobs(run) + " / " + run.getInteger("errors") : "-")
        .append(" |\n");
  }

  /** Every document that ended otherwise in the service than in-process: such jobs are not counted as served. */
  private static void differing(StringBuilder md, String isolation, JsonObject run) {
    if (run == null || run.getJsonArray("differing_from_in_process").isEmpty()) {
      return;
    }
    md.append("\nEnded otherwise than in-process, isolation ").append(isolation).append(" (not counted as served):\n\n")
        .append("| document | in-process | service | jobs |\n|---|---|---|---|\n");
    for (Object item : run.getJsonArray("differing_from_in_process")) {
      JsonObject entry = (JsonObject) item;
      md.append("| ").append(entry.getString("document")).append(" | ").append(entry.getString("in_process"))
          .append(" | ").append(entry.getString("service")).append(" | ").append(entry.getInteger("jobs"))
          .append(" |\n");
    }
  }

  private static int differingJobs(JsonObject run) {
    return run.getJsonArray("differing_from_in_process").stream()
        .mapToInt(entry -> ((JsonObject) entry).getInteger("jobs")).sum();
  }

  private static String tinyJob(JsonObject tinyJob) {
    return tinyJob.getDouble("end_to_end_p50_ms") + " / " + tinyJob.getDouble("cpu_ms_per_job");
  }

  private static String triple(JsonObject latencies) {
    return latencies.getDouble("p50_ms") + " / " + latencies.getDouble("p95_ms") + " / "
        + latencies.getDouble("p99_ms");
  }

  private static String pair(JsonObject latencies) {
    return latencies.getDouble("p50_ms") + " / " + latencies.getDouble("p99_ms");
  }
}
