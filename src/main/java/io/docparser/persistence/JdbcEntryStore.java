package io.docparser.persistence;

import com.hazelcast.map.EntryStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps one Hazelcast map in a table, written through: a map write returns only once its row is committed, and a
 * failed write fails the map operation (at once while the database is known to be unreachable). The entry's
 * expiration time (its TTL) is kept as {@code expires_at}, so an expired row is never loaded back, and comes back
 * with the entry on load.
 */
final class JdbcEntryStore<V> implements EntryStore<String, V> {

  private final Database database;
  private final Table table;
  private final ColumnCodec<V> codec;
  private final boolean loadAllOnStart;

  /** @param loadAllOnStart whether the map is filled from the table when it is created (eager load) */
  JdbcEntryStore(Database database, Table table, ColumnCodec<V> codec, boolean loadAllOnStart) {
    this.database = database;
    this.table = table;
    this.codec = codec;
    this.loadAllOnStart = loadAllOnStart;
  }

  @Override
  public MetadataAwareValue<V> load(String key) {
    return loadAll(List.of(key)).get(key);
  }

  /**
   * One connection and one prepared statement for the whole batch: at start-up Hazelcast loads every job through
   * here, and a connection per key would make a long queue slow to come back.
   */
  @Override
  public Map<String, MetadataAwareValue<V>> loadAll(Collection<String> keys) {
    String sql = "SELECT body, expires_at FROM " + table.sqlName() + " WHERE id = ? AND " + notExpired();
    return withConnection(connection -> {
      Map<String, MetadataAwareValue<V>> loaded = new HashMap<>();
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        for (String key : keys) {
          select.setString(1, key);
          select.setLong(2, System.currentTimeMillis());
          try (ResultSet row = select.executeQuery()) {
            if (row.next()) {
              loaded.put(key, loaded(row));
            }
          }
        }
      }
      return loaded;
    });
  }

  private MetadataAwareValue<V> loaded(ResultSet row) throws SQLException {
    V value = codec.read(row, 1);
    long expiresAt = row.getLong(2);
    return row.wasNull() ? new MetadataAwareValue<>(value) : new MetadataAwareValue<>(value, expiresAt);
  }

  /** Null keeps the map from being filled at start: documents and results are loaded when they are read. */
  @Override
  public Iterable<String> loadAllKeys() {
    if (!loadAllOnStart) {
      return null;
    }
    String sql = "SELECT id FROM " + table.sqlName() + " WHERE " + notExpired();
    return withConnection(connection -> {
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        select.setLong(1, System.currentTimeMillis());
        List<String> keys = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            keys.add(rows.getString(1));
          }
        }
        return keys;
      }
    });
  }

  @Override
  public void store(String key, MetadataAwareValue<V> value) {
    storeAll(Map.of(key, value));
  }

  @Override
  public void storeAll(Map<String, MetadataAwareValue<V>> entries) {
    withConnection(connection -> {
      try (PreparedStatement upsert = connection.prepareStatement(database.dialect().upsert(table.sqlName()))) {
        for (Map.Entry<String, MetadataAwareValue<V>> entry : entries.entrySet()) {
          upsert.setString(1, entry.getKey());
          codec.bind(upsert, 2, entry.getValue().getValue());
          bindExpiry(upsert, entry.getValue().getExpirationTime());
          upsert.setLong(4, System.currentTimeMillis());
          upsert.addBatch();
        }
        upsert.executeBatch();
      }
      return null;
    });
  }

  /** Hazelcast marks an entry without TTL with NO_TIME_SET or Long.MAX_VALUE; both mean the row never expires. */
  private static void bindExpiry(PreparedStatement upsert, long expirationTime) throws SQLException {
    if (expirationTime == MetadataAwareValue.NO_TIME_SET || expirationTime == Long.MAX_VALUE) {
      upsert.setNull(3, Types.BIGINT);
    } else {
      upsert.setLong(3, expirationTime);
    }
  }

  @Override
  public void delete(String key) {
    deleteAll(List.of(key));
  }

  @Override
  public void deleteAll(Collection<String> keys) {
    withConnection(connection -> {
      try (PreparedStatement delete = connection.prepareStatement(
          "DELETE FROM " + table.sqlName() + " WHERE id = ?")) {
        for (String key : keys) {
          delete.setString(1, key);
          delete.addBatch();
        }
        delete.executeBatch();
      }
      return null;
    });
  }

  private static String notExpired() {
    return "(expires_at IS NULL OR expires_at > ?)";
  }

  private <T> T withConnection(SqlWork<T> work) {
    database.health().requireReachable();
    try (Connection connection = database.connection()) {
      return work.run(connection);
    } catch (SQLException e) {
      database.health().statementFailed();
      throw new DatabaseUnavailableException("the database did not answer for " + table.sqlName() + ": "
          + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }
}
