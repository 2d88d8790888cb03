package io.docparser.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark harness: in-process Tika (the ceiling), then the service started from its jar with isolation
 * {@code process} and {@code none}, an open-loop run of the API alone, and a scaling run over several nodes, all on
 * this machine in one run. Prints a Markdown table and writes it, with the same numbers as JSON, to {@code --out}.
 * See bench/README.md for the command line.
 */
public final class Bench {

  /** Queued jobs allowed during a run: the open-loop run offers more than the slots parse, on purpose. */
  private static final String QUEUE_MAX = "1000000";

  private final BenchOptions options;
  private final List<BenchDocument> corpus;
  private final HttpClient http = ApiClient.newHttpClient();
  private final ApiClient api = new ApiClient(http);
  private final Path workDir;

  private Bench(BenchOptions options, List<BenchDocument> corpus) throws IOException {
    this.options = options;
    this.corpus = corpus;
    this.workDir = Files.createDirectories(options.out().resolve("nodes"));
    Files.deleteIfExists(options.out().resolve("results.json"));
  }

  public static void main(String[] args) throws Exception {
    BenchOptions options = BenchOptions.parse(args);
    List<BenchDocument> corpus = options.corpus() == null ? Corpus.generated(2) : Corpus.fromDirectory(options.corpus());
    JsonObject results = new Bench(options, corpus).runAll();
    System.out.println(Report.markdown(results));
  }

  private JsonObject runAll() throws Exception {
    log("corpus: %d documents, %.1f MB (%s); %d slots, %d passes", corpus.size(), megabytes(Corpus.totalBytes(corpus)),
        options.corpus() == null ? "generated" : options.corpus(), options.slots(), options.passes());
    InProcessCeiling ceiling = new InProcessCeiling();
    JsonObject results = new JsonObject()
        .put("machine", Machine.describe())
        .put("corpus", new JsonObject().put("source", options.corpus() == null ? "generated" : options.corpus().toString())
            .put("documents", corpus.size()).put("bytes", Corpus.totalBytes(corpus)))
        .put("slots", options.slots())
        .put("warmup_passes", options.warmup())
        .put("passes", options.passes())
        .put("storage", options.storage());
    JsonObject inProcess = ceiling(ceiling);
    save(results.put("in_process", inProcess));
    double ceilingRate = inProcess.getDouble("documents_per_s");
    for (String isolation : List.of("process", "none")) {
      if (options.makes(isolation)) {
        JsonObject run = withEfficiency(withRatio(service(isolation, ceiling), ceilingRate), inProcess);
        save(results.put("service_" + isolation, run));
      }
    }
    if (options.makes("open-loop")) {
      save(results.put("open_loop", openLoop()));
    }
    if (options.makes("scaling")) {
      save(results.put("scaling", scaling(ceiling, ceilingRate)));
    }
    return results;
  }

  /** Writes what has been measured so far, so that a run cut short still leaves its numbers. */
  private void save(JsonObject results) throws IOException {
    Files.writeString(options.out().resolve("results.json"), results.encodePrettily());
    Files.writeString(options.out().resolve("results.md"), Report.markdown(results));
  }

  private JsonObject ceiling(InProcessCeiling ceiling) throws InterruptedException {
    log("in-process Tika: %d warm-up passes", options.warmup());
    ceiling.run(corpus, options.warmup(), options.slots());
    log("in-process Tika: %d measured passes on %d threads", options.passes(), options.slots());
    ProcessHandle self = ProcessHandle.current();
    JsonObject result;
    try (PeakMemory memory = new PeakMemory(self)) {
      double cpuBefore = ProcessTreeCpu.seconds(self);
      long nanos = ceiling.run(corpus, options.passes(), options.slots());
      double cpuSeconds = ProcessTreeCpu.seconds(self) - cpuBefore;
      int documents = corpus.size() * options.passes();
      result = throughput(documents, Corpus.totalBytes(corpus) * options.passes(), nanos)
          .put("cpu", cpu(cpuSeconds, documents, nanos))
          .put("peak_rss_mb", memory.peakRssMb());
    }
    log("in-process Tika: each document timed alone, 3 times");
    ceiling.timeAlone(corpus, 3);
    return result;
  }

  private JsonObject service(String isolation, InProcessCeiling ceiling) throws Exception {
    log("service, isolation %s, storage %s: starting", isolation, options.storage());
    Map<String, String> settings = new HashMap<>(Map.of("DOCPARSER_WORKERS", Integer.toString(options.slots()),
        "DOCPARSER_ISOLATION", isolation, "DOCPARSER_QUEUE_MAX", QUEUE_MAX));
    if (options.storage().equals("postgres")) {
      settings.putAll(Map.of("DOCPARSER_DB_URL", options.dbUrl(), "DOCPARSER_DB_USER", "postgres"));
    }
    boolean memoryOnly = options.storage().equals("memory");
    try (ServiceUnderTest node = start("bench-" + isolation, settings, memoryOnly).awaitReady(http)) {
      List<String> bases = List.of(node.base());
      log("service, isolation %s: %d warm-up passes", isolation, options.warmup());
      new ClosedLoopRun(api, bases, clients(), ceiling).run(corpus, options.warmup());
      JsonObject result = measuredPasses(node, isolation, ceiling)
          .put("overhead_median_ms", overheadAlone(bases, ceiling, isolation));
      log("service, isolation %s: %d tiny text jobs one at a time", isolation, options.tinyJobs());
      return result
          .put("tiny_job", new TinyJobRun(api, node.base(), node.handle()).run(options.tinyJobs()))
          .put("jobs_left", jobsLeft(node));
    }
  }

  /**
   * The throughput passes. CPU is read around each pass, so that the full GC forced between passes (to read the
   * heap) is not counted; documents are those served as in-process Tika served them (see DocumentOutcomes).
   */
  private JsonObject measuredPasses(ServiceUnderTest node, String isolation, InProcessCeiling ceiling)
      throws Exception {
    ClosedLoopRun measured = new ClosedLoopRun(api, List.of(node.base()), clients(), ceiling);
    JsonArray heap = new JsonArray();
    long nanos = 0;
    double cpuSeconds = 0;
    long peakRssMb;
    try (PeakMemory memory = new PeakMemory(node.handle())) {
      for (int pass = 1; pass <= options.passes(); pass++) {
        double cpuBefore = ProcessTreeCpu.seconds(node.handle());
        nanos += measured.run(corpus, 1);
        cpuSeconds += ProcessTreeCpu.seconds(node.handle()) - cpuBefore;
        heap.add(node.heapAfterGcMb());
        log("service, isolation %s: pass %d of %d", isolation, pass, options.passes());
      }
      peakRssMb = memory.peakRssMb();
    }
    DocumentOutcomes outcomes = measured.outcomes;
    return throughput(outcomes.served(), outcomes.servedBytes(), nanos)
        .put("cpu", cpu(cpuSeconds, outcomes.served(), nanos))
        .put("peak_rss_mb", peakRssMb)
        .put("end_to_end", measured.endToEnd.toJson())
        .put("submit", measured.submit.toJson())
        .put("jobs", outcomes.jobs())
        .put("failed_jobs", outcomes.failed())
        .put("differing_from_in_process", outcomes.differing())
        .put("errors", measured.errors.get())
        .put("first_error", measured.firstError.get())
        .put("heap_after_gc_mb_per_pass", heap);
  }

  /**
   * The per-job overhead: one client sends the corpus one document at a time, so that no job waits behind another,
   * and each document's end-to-end time is compared with its in-process parse time alone.
   */
  private double overheadAlone(List<String> bases, InProcessCeiling ceiling, String isolation) throws Exception {
    log("service, isolation %s: one document at a time, for the per-job overhead", isolation);
    ClosedLoopRun alone = new ClosedLoopRun(api, bases, 1, ceiling);
    alone.run(corpus, 1);
    return Latencies.round(alone.overhead.percentileMs(50));
  }

  private JsonArray openLoop() throws Exception {
    log("open loop: starting a node");
    JsonArray runs = new JsonArray();
    try (ServiceUnderTest node = start("bench-open-loop",
        Map.of("DOCPARSER_WORKERS", Integer.toString(options.slots()), "DOCPARSER_QUEUE_MAX", QUEUE_MAX), false)
        .awaitReady(http)) {
      new OpenLoopRun(api, node.base()).run(Math.max(1, options.rates().get(0) / 10), 1);
      for (int rate : options.rates()) {
        log("open loop: %d submits/s for %d s", rate, options.rateSeconds());
        runs.add(new OpenLoopRun(api, node.base()).run(rate, options.rateSeconds()));
      }
    }
    return runs;
  }

  /** The same parser slots in all, spread over 1, 2 or 3 nodes (with 3, one of them serves the API alone). */
  private JsonArray scaling(InProcessCeiling ceiling, double ceilingRate) throws Exception {
    JsonArray runs = new JsonArray();
    for (int nodes : options.scaling()) {
      log("scaling: %d node(s)", nodes);
      List<ServiceUnderTest> cluster = new ArrayList<>();
      try {
        cluster.addAll(startCluster(nodes));
        List<String> bases = cluster.stream().map(ServiceUnderTest::base).toList();
        new ClosedLoopRun(api, bases, clients(), ceiling).run(corpus, options.warmup());
        ClosedLoopRun measured = new ClosedLoopRun(api, bases, clients(), ceiling);
        long nanos = measured.run(corpus, Math.max(1, options.passes() / 3));
        runs.add(withRatio(throughput(measured.outcomes.served(), measured.outcomes.servedBytes(), nanos)
            .put("nodes", nodes)
            .put("end_to_end", measured.endToEnd.toJson())
            .put("errors", measured.errors.get()), ceilingRate));
      } finally {
        for (ServiceUnderTest node : cluster) {
          node.close();
        }
      }
    }
    return runs;
  }

  private List<ServiceUnderTest> startCluster(int nodes) throws Exception {
    List<ServiceUnderTest> cluster = new ArrayList<>();
    int workerNodes = nodes == 3 ? 2 : nodes;
    for (int i = 0; i < nodes; i++) {
      boolean apiOnly = nodes == 3 && i == 0;
      Map<String, String> settings = new HashMap<>(Map.of("DOCPARSER_QUEUE_MAX", QUEUE_MAX,
          "DOCPARSER_ROLES", apiOnly ? "api" : "api,worker",
          "DOCPARSER_WORKERS", Integer.toString(Math.max(1, options.slots() / workerNodes))));
      cluster.add(start("bench-scaling-" + nodes + "-" + i, settings, nodes > 1));
    }
    for (ServiceUnderTest node : cluster) {
      node.awaitReady(http);
    }
    return cluster;
  }

  /** A node with the run's settings, and then the --service-env ones, which may override them. */
  private ServiceUnderTest start(String name, Map<String, String> settings, boolean clustered) throws IOException {
    Map<String, String> all = new HashMap<>(settings);
    all.putAll(options.serviceEnv());
    return ServiceUnderTest.start(options.jar(), workDir, name, all, clustered, options.profile());
  }

  private int clients() {
    return options.slots() * 2;
  }

  /** Jobs still listed after the run (the clients delete theirs); a full page of 100 means at least that many. */
  private int jobsLeft(ServiceUnderTest node) throws Exception {
    return new JsonObject(api.get(node.base() + "/jobs?limit=100").body()).getJsonArray("jobs").size();
  }

  private static JsonObject throughput(int documents, long bytes, long nanos) {
    double seconds = nanos / 1e9;
    return new JsonObject()
        .put("documents", documents)
        .put("seconds", Latencies.round(seconds))
        .put("documents_per_s", Latencies.round(documents / seconds))
        .put("mb_per_s", Latencies.round(megabytes(bytes) / seconds));
  }

  private static JsonObject cpu(double seconds, int documents, long nanos) {
    return new JsonObject()
        .put("seconds", Latencies.round(seconds))
        .put("ms_per_document", Latencies.round(seconds * 1000 / documents))
        .put("cores_busy", Latencies.round(seconds / (nanos / 1e9)));
  }

  private static JsonObject withRatio(JsonObject run, double ceilingRate) {
    return run.put("ratio_to_in_process", Latencies.round(run.getDouble("documents_per_s") / ceilingRate));
  }

  /** In-process CPU per document over the service's: 1 when the service spends nothing beyond Tika's own work. */
  private static JsonObject withEfficiency(JsonObject run, JsonObject inProcess) {
    double ceilingMs = inProcess.getJsonObject("cpu").getDouble("ms_per_document");
    return run.put("efficiency", Latencies.round(ceilingMs / run.getJsonObject("cpu").getDouble("ms_per_document")));
  }

  private static double megabytes(long bytes) {
    return bytes / 1_000_000.0;
  }

  private static void log(String format, Object... args) {
    System.err.printf("[bench] " + format + "%n", args);
  }
}
