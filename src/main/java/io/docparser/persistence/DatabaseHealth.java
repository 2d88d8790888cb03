package io.docparser.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database answers, checked in the background every {@link #EVERY} and at once after a statement failed.
 * While it does not, the map stores refuse at once instead of each waiting out the connection timeout on a
 * Hazelcast partition thread, which would stall every other map operation of that partition meanwhile. How a check
 * tries the database, and what a failed one repairs, depends on the database: see {@link Recovery}.
 */
final class DatabaseHealth implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseHealth.class);
  static final Duration EVERY = Duration.ofSeconds(1);

  private final ConnectionSource connections;
  private final Recovery recovery;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "docparser-db-health");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicBoolean checkPending = new AtomicBoolean();
  private volatile Instant unreachableSince;
  private volatile String lastProblem;

  DatabaseHealth(ConnectionSource connections, Recovery recovery) {
    this.connections = connections;
    this.recovery = recovery;
  }

  void start() {
    timer.scheduleWithFixedDelay(this::check, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Throws while the database is known to be unreachable. */
  void requireReachable() {
    Instant since = unreachableSince;
    if (since != null) {
      throw new DatabaseUnavailableException("the database has been unreachable since " + since + ": " + lastProblem);
    }
  }

  /**
   * A statement failed: the database may be gone, which a check made now finds out. Statements that fail together
   * share one check, so that a burst of failures does not queue a check (and its connection timeout) each.
   */
  void statementFailed() {
    if (!checkPending.compareAndSet(false, true)) {
      return;
    }
    try {
      timer.execute(() -> {
        checkPending.set(false);
        check();
      });
    } catch (RejectedExecutionException closed) {
      checkPending.set(false);
    }
  }

  boolean isReachable() {
    return unreachableSince == null;
  }

  private void check() {
    try (Connection connection = connections.connection()) {
      recovery.probe(connection);
      reachable();
      recovery.checkPassed();
    } catch (SQLException | RuntimeException e) {
      unreachable(e.getMessage());
      recovery.checkFailed(e);
    }
  }

  private void reachable() {
    Instant since = unreachableSince;
    if (since != null) {
      unreachableSince = null;
      LOG.info("the database is reachable again after {} s: accepting jobs again",
          Duration.between(since, Instant.now()).toSeconds());
    }
  }

  private void unreachable(String problem) {
    lastProblem = problem;
    if (unreachableSince == null) {
      unreachableSince = Instant.now();
      LOG.warn("the database is unreachable ({}): submissions are refused with STORE_UNAVAILABLE until it is back",
          problem);
    }
  }

  /** Completes once every check queued before it has run: checks run one at a time, in order. */
  CompletableFuture<Void> settled() {
    return CompletableFuture.runAsync(() -> { }, timer);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  /** Where the check gets its connection: the node's pool. */
  @FunctionalInterface
  interface ConnectionSource {
    Connection connection() throws SQLException;
  }
}
