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
 * Deletes rows whose TTL has run out. Hazelcast drops an expired entry from memory without telling its store, so
 * without this the tables would grow for ever (loads already skip such rows, so none comes back in between).
 */
final class ExpiredRowSweeper implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ExpiredRowSweeper.class);
  static final Duration EVERY = Duration.ofMinutes(1);

  private final Database database;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "docparser-db-sweeper");
    thread.setDaemon(true);
    return thread;
  });

  ExpiredRowSweeper(Database database) {
    this.database = database;
  }

  void start() {
    timer.scheduleWithFixedDelay(this::sweepQuietly, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** @return how many rows were deleted */
  int sweep() throws SQLException {
    int deleted = 0;
    try (Connection connection = database.connection()) {
      for (Table table : Table.values()) {
        try (PreparedStatement delete = connection.prepareStatement(
            "DELETE FROM " + table.sqlName() + " WHERE expires_at <= ?")) {
          delete.setLong(1, System.currentTimeMillis());
          deleted += delete.executeUpdate();
        }
      }
    }
    return deleted;
  }

  private void sweepQuietly() {
    try {
      sweep();
    } catch (SQLException | RuntimeException e) {
      LOG.warn("expired rows were not deleted this time, the next sweep tries again: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
