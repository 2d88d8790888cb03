package io.docparser.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.h2.api.ErrorCode;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reopens an embedded H2 database that closed itself. H2 closes its database for good when its store fails (an
 * OutOfMemoryError while it writes a page, a disk error). Every session opened before then answers "The database
 * has been closed" (90098) yet still passes {@code isValid}, so the pool would hand out dead connections for ever,
 * while a new connection opens the file again. So a failed check evicts the pool's connections, and the next check
 * reopens the file. A database still unusable {@link #GIVE_UP_AFTER} after it was found closed will not come back
 * in this JVM: the node gives up rather than stay alive refusing every job.
 */
final class EmbeddedRecovery implements Recovery {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRecovery.class);
  /** Far more than H2 needs to open its file again, even a large one after a crash. */
  static final Duration GIVE_UP_AFTER = Duration.ofSeconds(30);
  private static final Set<Integer> CLOSED = Set.of(ErrorCode.DATABASE_IS_CLOSED,
      ErrorCode.DATABASE_CALLED_AT_SHUTDOWN);
  /** A read of a table: a session of a closed database may still answer a statement that reads no table. */
  private static final String PROBE = "SELECT COUNT(*) FROM " + Table.JOBS.sqlName() + " WHERE id = ''";

  private final Runnable evictConnections;
  private final Duration giveUpAfter;
  private final Consumer<String> giveUp;
  private final LongSupplier nanoTime;
  /** When the database was found closed; null while it is usable. Touched by the health check's thread alone. */
  private Long closedSinceNanos;
  private boolean gaveUp;

  /**
   * @param evictConnections closes the pool's connections (those in use once they are returned)
   * @param giveUp           told once, with the reason, when the database could not be reopened in time
   */
  EmbeddedRecovery(Runnable evictConnections, Duration giveUpAfter, Consumer<String> giveUp) {
    this(evictConnections, giveUpAfter, giveUp, System::nanoTime);
  }

  /** @param nanoTime the time in nanoseconds, as {@link System#nanoTime()} tells it */
  EmbeddedRecovery(Runnable evictConnections, Duration giveUpAfter, Consumer<String> giveUp, LongSupplier nanoTime) {
    this.evictConnections = evictConnections;
    this.giveUpAfter = giveUpAfter;
    this.giveUp = giveUp;
    this.nanoTime = nanoTime;
  }

  @Override
  public void probe(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.executeQuery(PROBE).close();
    }
  }

  @Override
  public void checkFailed(Exception failure) {
    evictConnections.run();
    if (closedSinceNanos == null) {
      if (isClosedDatabase(failure)) {
        closedSinceNanos = nanoTime.getAsLong();
        LOG.warn("the embedded database was closed ({}): reopening it", failure.getMessage());
      }
    } else if (!gaveUp && nanoTime.getAsLong() - closedSinceNanos > giveUpAfter.toNanos()) {
      gaveUp = true;
      giveUp.accept("the embedded database was closed and could not be reopened within " + giveUpAfter.toSeconds()
          + " s: " + failure.getMessage());
    }
  }

  @Override
  public void checkPassed() {
    if (closedSinceNanos != null) {
      LOG.info("the embedded database is open again after {} ms",
          Duration.ofNanos(nanoTime.getAsLong() - closedSinceNanos).toMillis());
      closedSinceNanos = null;
    }
  }

  /** H2's word that the database is closed, or a failure of its store, which closes it. */
  static boolean isClosedDatabase(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException e && CLOSED.contains(e.getErrorCode())
          || cause instanceof MVStoreException) {
        return true;
      }
    }
    return false;
  }
}
