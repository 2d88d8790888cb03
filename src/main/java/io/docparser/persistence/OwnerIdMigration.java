package io.docparser.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docparser.api.OwnerIds;
import io.docparser.config.OwnerSecret;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema version 4: owner ids keyed with a secret (see {@link OwnerIds}). Rewrites the owner of every job record,
 * and the owner in front of every idempotency key of such a job, from the legacy form to the new one, with the
 * secret the node is going to use: the configured one, else the one in the settings table, made here when there is
 * none yet, so that the node finds it there afterwards. Jobs and keys submitted without API keys have no owner and
 * stay as they are. In Java because SQL cannot compute an HMAC on both databases; {@link Database} makes it with
 * the secret, so it lives outside db/migration, where Flyway would make another one without.
 */
final class OwnerIdMigration implements JavaMigration {

  private static final Logger LOG = LoggerFactory.getLogger(OwnerIdMigration.class);
  private static final MigrationVersion VERSION = MigrationVersion.fromVersion("4");
  private static final String OWNER = StoreMaps.OWNER_ATTRIBUTE;
  /** Rows are read and updated this many at a time, so that the bodies of a long job table are never all in memory. */
  private static final int BATCH = 500;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  private final OwnerSecret ownerSecret;

  OwnerIdMigration(OwnerSecret ownerSecret) {
    this.ownerSecret = ownerSecret;
  }

  @Override
  public MigrationVersion getVersion() {
    return VERSION;
  }

  @Override
  public String getDescription() {
    return "owner ids keyed with a secret";
  }

  /** None: the migration's outcome depends on the secret, which is no part of its code. */
  @Override
  public Integer getChecksum() {
    return null;
  }

  /** All or nothing: a node that stops half-way must not leave owners of both forms behind. */
  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException, JsonProcessingException {
    Connection connection = context.getConnection();
    Optional<byte[]> configured = ownerSecret.configuredKey();
    byte[] secret = configured.isPresent() ? configured.get() : storedSecret(connection);
    Map<String, String> legacyOwners = rewriteJobOwners(connection, secret);
    int keys = rewriteIdempotencyKeys(connection, secret, legacyOwners);
    LOG.info("stored owner ids rewritten with the {} secret: {} jobs, {} idempotency keys",
        configured.isPresent() ? "configured" : "stored", legacyOwners.size(), keys);
  }

  /** The secret in the settings table; one is made and kept there when the table has none. */
  private static byte[] storedSecret(Connection connection) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT body FROM " + Table.SETTINGS.sqlName() + " WHERE id = ?")) {
      select.setString(1, StoreMaps.OWNER_SECRET_SETTING);
      try (ResultSet row = select.executeQuery()) {
        if (row.next()) {
          return HEX.parseHex(row.getString(1));
        }
      }
    }
    byte[] secret = OwnerIds.newSecret();
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + Table.SETTINGS.sqlName()
        + " (id, body, expires_at, stored_at) VALUES (?, ?, NULL, ?)")) {
      insert.setString(1, StoreMaps.OWNER_SECRET_SETTING);
      insert.setString(2, HEX.formatHex(secret));
      insert.setLong(3, System.currentTimeMillis());
      insert.executeUpdate();
    }
    return secret;
  }

  /** @return the legacy owner of every job that had one, by job id */
  private static Map<String, String> rewriteJobOwners(Connection connection, byte[] secret)
      throws SQLException, JsonProcessingException {
    Map<String, String> legacyOwners = new HashMap<>();
    String table = Table.JOBS.sqlName();
    try (PreparedStatement select = connection.prepareStatement("SELECT id, body FROM " + table + " WHERE body LIKE ?");
        PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET body = ? WHERE id = ?")) {
      select.setString(1, "%\"" + OWNER + "\"%");
      select.setFetchSize(BATCH);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ObjectNode job = (ObjectNode) JSON.readTree(rows.getString(2));
          JsonNode owner = job.get(OWNER);
          if (owner != null && OwnerIds.isLegacy(owner.textValue())) {
            legacyOwners.put(rows.getString(1), owner.textValue());
            job.put(OWNER, OwnerIds.fromLegacy(owner.textValue(), secret));
            update.setString(1, JSON.writeValueAsString(job));
            update.setString(2, rows.getString(1));
            addToBatch(update, legacyOwners.size());
          }
        }
      }
      update.executeBatch();
    }
    return legacyOwners;
  }

  /**
   * A key is {@code <owner> <client's key>} for a caller with an API key and the client's key alone without one, so
   * its prefix is taken for an owner only when it is the owner of the key's job: a keyless client's key that merely
   * looks like one stays as it is. A key whose job is gone stays too; it names nothing, and expires.
   *
   * @return how many keys were rewritten
   */
  private static int rewriteIdempotencyKeys(Connection connection, byte[] secret, Map<String, String> legacyOwners)
      throws SQLException {
    String table = Table.IDEMPOTENCY_KEYS.sqlName();
    int rewritten = 0;
    try (PreparedStatement select = connection.prepareStatement("SELECT id, body FROM " + table);
        PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET id = ? WHERE id = ?")) {
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          String key = rows.getString(1);
          int space = key.indexOf(' ');
          String prefix = space < 0 ? null : key.substring(0, space);
          if (prefix != null && prefix.equals(legacyOwners.get(rows.getString(2)))) {
            update.setString(1, OwnerIds.fromLegacy(prefix, secret) + key.substring(space));
            update.setString(2, key);
            addToBatch(update, ++rewritten);
          }
        }
      }
      update.executeBatch();
    }
    return rewritten;
  }

  private static void addToBatch(PreparedStatement update, int count) throws SQLException {
    update.addBatch();
    if (count % BATCH == 0) {
      update.executeBatch();
    }
  }
}
