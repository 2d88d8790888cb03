package io.docparser.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docparser.api.OwnerIds;
import io.docparser.config.DatabaseSettings.JdbcTarget;
import io.docparser.config.OwnerSecret;
import io.docparser.support.LegacyDatabase;
import io.docparser.support.LegacyOwnerIds;
import io.docparser.support.Prerequisites;
import io.docparser.support.TestDatabases;
import io.docparser.support.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The migration of stored owner ids to ids keyed with the owner secret")
class OwnerIdMigrationTest {

  private static final String KEY = "first-api-key-0123456789";
  private static final String OTHER_KEY = "second-api-key-9876543210";
  private static final String SECRET = "a configured owner secret, 32 characters or more";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The same cases on each database the service runs on. */
  abstract class Cases {

    private String ownedJob;
    private String otherJob;
    private String keylessJob;
    private Database database;
    private JdbcTarget target;

    /** An empty database of this kind, for one test. */
    abstract JdbcTarget createDatabase();

    abstract void dropDatabase();

    /** Three jobs (two keys, one without), each with an idempotency key, and a keyless key that looks owned. */
    @BeforeEach
    void writeLegacyRows() throws SQLException {
      target = createDatabase();
      try (LegacyDatabase legacy = LegacyDatabase.at(target)) {
        ownedJob = legacy.job(KEY);
        otherJob = legacy.job(OTHER_KEY);
        keylessJob = legacy.job(null);
        legacy.idempotencyKey(LegacyOwnerIds.of(KEY) + " retry-1", ownedJob);
        legacy.idempotencyKey(LegacyOwnerIds.of(OTHER_KEY) + " retry-1", otherJob);
        legacy.idempotencyKey("retry-1", keylessJob);
        legacy.idempotencyKey(LegacyOwnerIds.of(KEY) + " looks-owned", keylessJob);
      }
    }

    @AfterEach
    void closeDatabase() {
      if (database != null) {
        database.close();
      }
      dropDatabase();
    }

    @Test
    @DisplayName("with a configured secret, owners become the ids their keys now have; keyless jobs stay as they were")
    void rewritesJobOwners() throws Exception {
      database = Database.open(target, configured());
      OwnerIds ids = new OwnerIds(SECRET.getBytes(StandardCharsets.UTF_8));

      Map<String, String> bodies = rows("docparser_jobs");
      assertEquals(ids.of(KEY), owner(bodies.get(ownedJob)));
      assertEquals(ids.of(OTHER_KEY), owner(bodies.get(otherJob)));
      assertEquals(LegacyDatabase.jobBody(keylessJob, null), bodies.get(keylessJob));
    }

    @Test
    @DisplayName("the owner is the only field of a job record that changes")
    void keepsTheRestOfTheRecord() throws Exception {
      database = Database.open(target, configured());

      ObjectNode migrated = (ObjectNode) JSON.readTree(rows("docparser_jobs").get(ownedJob));
      ObjectNode before = (ObjectNode) JSON.readTree(LegacyDatabase.jobBody(ownedJob, LegacyOwnerIds.of(KEY)));
      migrated.remove("owner");
      before.remove("owner");
      assertEquals(before, migrated);
    }

    @Test
    @DisplayName("owned jobs' idempotency keys get the new owner in front; keyless ones stay, even if they look owned")
    void rePrefixesIdempotencyKeys() throws Exception {
      database = Database.open(target, configured());
      OwnerIds ids = new OwnerIds(SECRET.getBytes(StandardCharsets.UTF_8));

      assertEquals(Map.of(
          ids.of(KEY) + " retry-1", ownedJob,
          ids.of(OTHER_KEY) + " retry-1", otherJob,
          "retry-1", keylessJob,
          LegacyOwnerIds.of(KEY) + " looks-owned", keylessJob), rows("docparser_idempotency_keys"));
    }

    @Test
    @DisplayName("a configured secret is never written to the database")
    void configuredSecretStaysOut() throws Exception {
      database = Database.open(target, configured());

      assertEquals(Map.of(), rows("docparser_settings"));
    }

    @Test
    @DisplayName("without a configured secret, one is generated, kept in the settings table, and keys the owners")
    void generatesAndKeepsASecret() throws Exception {
      database = Database.open(target, OwnerSecret.NONE);

      String stored = rows("docparser_settings").get("owner-secret");
      assertEquals(64, stored.length(), "32 bytes in hex");
      OwnerIds ids = new OwnerIds(HexFormat.of().parseHex(stored));
      assertEquals(ids.of(KEY), owner(rows("docparser_jobs").get(ownedJob)));
      assertTrue(rows("docparser_idempotency_keys").containsKey(ids.of(KEY) + " retry-1"));
    }

    @Test
    @DisplayName("runs once: reopened, the database validates and keeps the owners it was given")
    void runsOnce() throws Exception {
      Database.open(target, OwnerSecret.NONE).close();
      String stored = tableRows(target, "docparser_settings").get("owner-secret");

      database = Database.open(target, OwnerSecret.NONE);

      assertEquals(stored, rows("docparser_settings").get("owner-secret"));
      assertEquals(new OwnerIds(HexFormat.of().parseHex(stored)).of(KEY),
          owner(rows("docparser_jobs").get(ownedJob)));
    }

    private Map<String, String> rows(String table) throws SQLException {
      try (Connection connection = database.connection()) {
        return tableRows(connection, table);
      }
    }
  }

  @Nested
  @DisplayName("on H2")
  class OnH2 extends Cases {

    @Override
    JdbcTarget createDatabase() {
      return TestDatabases.embedded().standaloneTarget();
    }

    /** Its directory is a fresh temporary one; nothing else opens it. */
    @Override
    void dropDatabase() {
    }
  }

  @Nested
  @DisplayName("on PostgreSQL")
  class OnPostgreSql extends Cases {

    private TestPostgres postgres;

    @Override
    JdbcTarget createDatabase() {
      Prerequisites.require(TestPostgres.SERVER, TestPostgres.reachable());
      postgres = TestPostgres.create();
      return new JdbcTarget(postgres.url(), postgres.user(), "");
    }

    @Override
    void dropDatabase() {
      if (postgres != null) {
        postgres.close();
      }
    }
  }

  private static OwnerSecret configured() {
    return new OwnerSecret(Optional.of(SECRET));
  }

  private static String owner(String jobBody) throws Exception {
    return JSON.readTree(jobBody).get("owner").textValue();
  }

  private static Map<String, String> tableRows(JdbcTarget target, String table) throws SQLException {
    try (Connection connection = DriverManager.getConnection(target.url(), target.user(), target.password())) {
      return tableRows(connection, table);
    }
  }

  private static Map<String, String> tableRows(Connection connection, String table) throws SQLException {
    Map<String, String> rows = new HashMap<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT id, body FROM " + table);
        ResultSet result = select.executeQuery()) {
      while (result.next()) {
        rows.put(result.getString(1), result.getString(2));
      }
    }
    return rows;
  }
}
