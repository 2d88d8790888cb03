package io.docparser.jobs;

import io.docparser.api.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.MessageConsumerOptions;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One parser slot. Deployed as a worker verticle, one instance per slot: an instance runs one parse at a time, on
 * its own worker thread. When a job is announced on its node, and when it frees up, a free slot claims the oldest
 * announced job ({@link AnnouncedJobs}); a busy one lets it pass, so the job goes to a slot that is free, on this
 * node or another. With nothing announced left, and on a timer in case an announcement was missed, it claims the
 * oldest queued job from the job map.
 */
public final class ParserWorkerVerticle extends VerticleBase {

  /** How often an idle slot looks for queued jobs whose doorbell it did not hear. */
  static final long QUEUE_SWEEP_MS = 2_000;

  private static final Logger LOG = LoggerFactory.getLogger(ParserWorkerVerticle.class);

  private final JobStore jobs;
  private final AnnouncedJobs announced;
  private final JobProcessor processor;
  private final Leases leases;
  private final RunningParses running;
  private final Draining draining;
  private final String nodeId;
  private boolean busy;
  private boolean stopping;
  private Future<Boolean> current = Future.succeededFuture(false);

  public ParserWorkerVerticle(JobStore jobs, AnnouncedJobs announced, JobProcessor processor, Leases leases,
      RunningParses running, Draining draining, String nodeId) {
    this.jobs = jobs;
    this.announced = announced;
    this.processor = processor;
    this.leases = leases;
    this.running = running;
    this.draining = draining;
    this.nodeId = nodeId;
  }

  @Override
  public Future<?> start() {
    MessageConsumer<Void> wake = vertx.eventBus().consumer(
        new MessageConsumerOptions().setAddress(Addresses.SLOTS_WAKE).setLocalOnly(true).setMaxBufferedMessages(1),
        message -> takeNext());
    vertx.setPeriodic(QUEUE_SWEEP_MS, timer -> takeNext());
    return wake.completion().onSuccess(registered -> takeNext());
  }

  /**
   * Takes no more jobs, and lets the running one end (up to the drain bound, see {@link LeaseVerticle#stop}): a
   * graceful stop. A parse still running then is not lost: the node leaves the cluster, and the other nodes take its
   * job back.
   */
  @Override
  public Future<?> stop() {
    stopping = true;
    long drainMs = leases.drain().toMillis();
    if (busy) {
      LOG.info("stopping: a parser slot lets its running job end first (at most {} ms)", drainMs);
    }
    Future<?> drained = busy ? Future.any(current, vertx.timer(drainMs)) : Future.succeededFuture();
    return drained.eventually(() -> {
      processor.close();
      return Future.succeededFuture();
    });
  }

  private void takeNext() {
    work(this::claimNext);
  }

  /** Claims the oldest announced job that no other slot took first; with none left, the oldest queued one. */
  private Future<Optional<Job>> claimNext() {
    return announced.next()
        .map(jobId -> jobs.claim(jobId, nodeId, leases.length())
            .compose(claimed -> claimed.isPresent() ? Future.succeededFuture(claimed) : claimNext()))
        .orElseGet(() -> jobs.claimOldest(nodeId, leases.length()));
  }

  /** Runs an attempt while its lease is kept; true once it is over. */
  private Future<Boolean> run(Job attempt) {
    JobLog.info(LOG, attempt).log("job {} claimed by {} (attempt {})", attempt.jobId(), nodeId, attempt.attempts());
    leases.started(attempt);
    running.started(attempt.jobId(), processor);
    return processor.process(attempt).eventually(() -> {
      running.ended(attempt.jobId());
      leases.ended(attempt);
      return Future.succeededFuture();
    }).map(true);
  }

  /** Runs the claim, then the job it got (if any); while that lasts, the slot is busy. */
  private void work(Supplier<Future<Optional<Job>>> claim) {
    if (busy || stopping || draining.isDraining()) {
      return;
    }
    busy = true;
    current = claim.get().compose(claimed -> claimed.map(this::run).orElse(Future.succeededFuture(false)));
    current.onComplete(done -> {
      busy = false;
      if (done.succeeded() && done.result()) {
        takeNext();
      }
    });
  }
}
