package io.docparser.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The service's own meters, kept in the node's Prometheus registry beside the ones Vert.x keeps (HTTP, event bus)
 * and the JVM's (memory, GC). Micrometer names; Prometheus shows them with {@code _total}, {@code _seconds} and
 * {@code _bucket}. Every node counts what it did itself: submissions on the node that accepted them, job ends on
 * the node that ended them, so a cluster's totals are the sums over its nodes.
 */
public final class JobMetrics {

  static final String SUBMITTED = "docparser.jobs.submitted";
  static final String FINISHED = "docparser.jobs.finished";
  static final String REQUEUED = "docparser.jobs.requeued";
  static final String JOB_DURATION = "docparser.job.duration";
  static final String PARSE_DURATION = "docparser.parse.duration";
  static final String CHILD_RESTARTS = "docparser.parser.child.restarts";
  static final String SLOTS = "docparser.parser.slots";
  static final String QUEUE_DEPTH = "docparser.queue.depth";
  static final String DATABASE_UP = "docparser.database.up";
  private static final String NONE = "none";
  private static final String UNKNOWN = "unknown";

  private final PrometheusMeterRegistry registry;
  private final AtomicLong queueDepth = new AtomicLong();

  public JobMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
    Gauge.builder(QUEUE_DEPTH, queueDepth, AtomicLong::get)
        .description("Jobs waiting in the cluster-wide queue, as this node last measured it")
        .register(registry);
  }

  /** A registry of its own, for a node that is not given one (tests that deploy a node into their Vert.x). */
  public static JobMetrics withOwnRegistry() {
    return new JobMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /** Reports whether the database that keeps the job state answers (1) or not (0). */
  public void databaseReachability(BooleanSupplier reachable) {
    Gauge.builder(DATABASE_UP, () -> reachable.getAsBoolean() ? 1 : 0)
        .description("Whether this node's last check reached the database that keeps job state (1) or not (0)")
        .register(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  void submitted(Job job) {
    Counter.builder(SUBMITTED).description("Jobs accepted by this node")
        .tag("output_format", job.outputFormat())
        .register(registry).increment();
  }

  /** A job that this node brought to its end: completed, failed or cancelled. */
  void finished(Job job) {
    String status = job.status().wireName();
    Counter.builder(FINISHED).description("Jobs this node brought to an end, by status, error code and media type")
        .tag("status", status)
        .tag("error_code", job.errorCode() == null ? NONE : job.errorCode().name())
        .tag("media_type", mediaType(job.contentType()))
        .register(registry).increment();
    if (job.finishedAt() != null && job.createdAt() != null) {
      Timer.builder(JOB_DURATION).description("From submission to the job's end")
          .tag("status", status)
          .publishPercentileHistogram()
          .register(registry).record(Duration.between(job.createdAt(), job.finishedAt()));
    }
  }

  /** A running job that this node put back in the queue for another attempt. */
  void requeued(RequeueReason reason) {
    Counter.builder(REQUEUED).description("Running jobs this node put back in the queue for another attempt")
        .tag("reason", reason.tag())
        .register(registry).increment();
  }

  /** How long one parse took on this node; {@code outcome} is "parsed", an error code, or "stopped". */
  void parsed(Duration took, String outcome) {
    Timer.builder(PARSE_DURATION).description("Parses on this node, from the document's read to the parser's answer")
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .register(registry).record(took);
  }

  /** A parser child process that was replaced, and why (timeout, out_of_memory, crash, recycled, cancelled...). */
  public void childRestarted(String reason) {
    Counter.builder(CHILD_RESTARTS).description("Parser child processes replaced, by reason")
        .tag("reason", reason)
        .register(registry).increment();
  }

  /** The node's parser slots, busy and free, read when Prometheus scrapes. */
  public void slots(int total, IntSupplier busy) {
    Gauge.builder(SLOTS, () -> busy.getAsInt()).tag("state", "busy")
        .description("Parser slots of this node").register(registry);
    Gauge.builder(SLOTS, () -> total - busy.getAsInt()).tag("state", "free")
        .description("Parser slots of this node").register(registry);
  }

  public void queueDepth(long jobs) {
    queueDepth.set(jobs);
  }

  /** Jobs this node ended with {@code status} since it started. */
  public long finishedCount(JobStatus status) {
    return (long) registry.find(FINISHED).tag("status", status.wireName()).counters().stream()
        .mapToDouble(Counter::count).sum();
  }

  /** "application/pdf" for "application/pdf; version=1.7": parameters would make every PDF version a series. */
  private static String mediaType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return UNKNOWN;
    }
    return contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }
}
