package io.docparser.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the rows nothing will read again. Hazelcast drops an expired entry from memory without telling its store,
 * so without this the tables would grow for ever (loads already skip such rows, so none comes back in between).
 * The documents of a submission that failed after its document was written (the database went away before the job
 * was) have no job to delete them: they go once they are older than any submission in progress can be.
 */
final class RowSweeper implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RowSweeper.class);
  static final Duration EVERY = Duration.ofMinutes(1);
  static final Duration ORPHANED_AFTER = Duration.ofMinutes(10);

  private final Database database;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "docparser-db-sweeper");
    thread.setDaemon(true);
    return thread;
  });

  RowSweeper(Database database) {
    this.database = database;
  }

  void start() {
    timer.scheduleWithFixedDelay(this::sweepQuietly, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * @param now the time the rows' ages are measured against, in epoch milliseconds
   * @return how many rows were deleted
   */
  int sweep(long now) throws SQLException {
    int deleted = 0;
    try (Connection connection = database.connection()) {
      for (Table table : Table.values()) {
        deleted += delete(connection, "DELETE FROM " + table.sqlName() + " WHERE expires_at <= ?", now);
      }
      deleted += delete(connection, "DELETE FROM " + Table.DOCUMENTS.sqlName() + " d"
          + " WHERE COALESCE(d.stored_at, 0) < ? AND NOT EXISTS (SELECT 1 FROM " + Table.JOBS.sqlName() + " j"
          + " WHERE j.id = " + database.dialect().jobIdOfDocument("d.id") + ")", now - ORPHANED_AFTER.toMillis());
    }
    return deleted;
  }

  private static int delete(Connection connection, String sql, long millis) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(sql)) {
      delete.setLong(1, millis);
      return delete.executeUpdate();
    }
  }

  private void sweepQuietly() {
    try {
      sweep(System.currentTimeMillis());
    } catch (SQLException | RuntimeException e) {
      LOG.warn("expired rows were not deleted this time, the next sweep tries again: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
