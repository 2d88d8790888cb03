package io.docparser.support;

import io.docparser.config.DatabaseSettings.JdbcTarget;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * A database as nodes left it before owner ids were keyed with a secret: schema version 2, with job records and
 * idempotency keys written the way those nodes wrote them (owners as {@link LegacyOwnerIds}).
 */
public final class LegacyDatabase implements AutoCloseable {

  private static final String SCHEMA_VERSION = "2";

  private final Connection connection;

  private LegacyDatabase(Connection connection) {
    this.connection = connection;
  }

  public static LegacyDatabase at(JdbcTarget target) throws SQLException {
    Flyway.configure().dataSource(target.url(), target.user(), target.password())
        .locations("classpath:db/migration").target(SCHEMA_VERSION).load().migrate();
    return new LegacyDatabase(DriverManager.getConnection(target.url(), target.user(), target.password()));
  }

  /** A finished job's record, as JobJson wrote it: snake_case, null fields left out (so a keyless job has no owner). */
  public static String jobBody(String jobId, String owner) {
    return "{\"job_id\":\"" + jobId + "\",\"status\":\"completed\",\"created_at\":\"2026-01-01T00:00:00Z\","
        + "\"started_at\":\"2026-01-01T00:00:01Z\",\"finished_at\":\"2026-01-01T00:00:02.500Z\",\"attempts\":1,"
        + "\"node\":\"node-1\",\"filename\":\"notes.txt\",\"content_type\":\"text/plain\",\"size_bytes\":11,"
        + "\"sha256\":\"b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9\",\"output_format\":\"text\","
        + "\"chunks\":1" + (owner == null ? "" : ",\"owner\":\"" + owner + "\"") + ",\"request_id\":\"req-" + jobId
        + "\"}";
  }

  /**
   * Stores a job submitted with {@code key}, or without a key when it is null.
   *
   * @return the job's id
   */
  public String job(String key) throws SQLException {
    String jobId = UUID.randomUUID().toString();
    insert("docparser_jobs", jobId, jobBody(jobId, key == null ? null : LegacyOwnerIds.of(key)));
    return jobId;
  }

  /** Stores an idempotency key as {@code IdempotencyKeys} did: the scoped key, naming its job. */
  public void idempotencyKey(String scopedKey, String jobId) throws SQLException {
    insert("docparser_idempotency_keys", scopedKey, jobId);
  }

  private void insert(String table, String id, String body) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO " + table + " (id, body, expires_at, stored_at) VALUES (?, ?, ?, ?)")) {
      insert.setString(1, id);
      insert.setString(2, body);
      insert.setLong(3, System.currentTimeMillis() + 3_600_000);
      insert.setLong(4, System.currentTimeMillis());
      insert.executeUpdate();
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
