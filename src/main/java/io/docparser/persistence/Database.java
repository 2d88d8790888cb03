package io.docparser.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.docparser.config.DatabaseSettings.JdbcTarget;
import io.docparser.config.OwnerSecret;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;

/**
 * The node's connection pool to the database that keeps job state, migrated to the current schema when opened.
 * Timeouts are short on purpose: a map store call runs on a Hazelcast partition thread, and while the database is
 * away a submission must fail fast with STORE_UNAVAILABLE rather than hang.
 */
public final class Database implements AutoCloseable {

  /** A few connections: write-through calls are short, and every node of a cluster holds its own pool. */
  private static final int POOL_SIZE = 4;
  private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(1);
  /** How long one statement may wait on the server's socket before the call counts as failed. */
  private static final int SOCKET_TIMEOUT_S = 5;

  private final HikariDataSource pool;
  private final Dialect dialect;
  private final RowSweeper sweeper = new RowSweeper(this);
  private final DatabaseHealth health;

  private Database(HikariDataSource pool, Dialect dialect, Recovery recovery) {
    this.pool = pool;
    this.dialect = dialect;
    this.health = new DatabaseHealth(this::connection, recovery);
  }

  /**
   * Opens the pool and applies the migrations; fails when the database cannot be reached or migrated. An embedded
   * database that closes itself later is reopened, and if that fails the JVM exits (see {@link NodeExit}).
   *
   * @param ownerSecret the secret the migration of stored owner ids keys them with, when one is configured (else it
   *                    uses the one in the settings table, and makes it if there is none)
   */
  public static Database open(JdbcTarget target, OwnerSecret ownerSecret) {
    return open(target, ownerSecret, EmbeddedRecovery.GIVE_UP_AFTER, NodeExit::exit);
  }

  /** @param giveUp told why, when an embedded database could not be reopened within {@code giveUpAfter} */
  static Database open(JdbcTarget target, OwnerSecret ownerSecret, Duration giveUpAfter, Consumer<String> giveUp) {
    Dialect dialect = Dialect.of(target.url());
    HikariDataSource pool = new HikariDataSource(poolConfig(target, dialect));
    try {
      Flyway.configure().dataSource(pool).locations("classpath:db/migration")
          .javaMigrations(new OwnerIdMigration(ownerSecret)).load().migrate();
      Recovery recovery = isEmbedded(target.url())
          ? new EmbeddedRecovery(pool.getHikariPoolMXBean()::softEvictConnections, giveUpAfter, giveUp)
          : Recovery.SERVER;
      Database database = new Database(pool, dialect, recovery);
      database.sweeper.start();
      database.health.start();
      return database;
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** An H2 database in this JVM, rather than one reached through an H2 server. */
  private static boolean isEmbedded(String url) {
    return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:");
  }

  private static HikariConfig poolConfig(JdbcTarget target, Dialect dialect) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("docparser-db");
    hikari.setJdbcUrl(PrivateFiles.url(target.url()));
    hikari.setUsername(target.user().isEmpty() ? null : target.user());
    hikari.setPassword(target.password().isEmpty() ? null : target.password());
    hikari.setMaximumPoolSize(POOL_SIZE);
    hikari.setMinimumIdle(1);
    hikari.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
    hikari.setValidationTimeout(VALIDATION_TIMEOUT.toMillis());
    // Without this, a database that is down at start-up would only be noticed at the first write.
    hikari.setInitializationFailTimeout(CONNECTION_TIMEOUT.toMillis());
    if (dialect == Dialect.POSTGRESQL) {
      hikari.addDataSourceProperty("socketTimeout", SOCKET_TIMEOUT_S);
      hikari.addDataSourceProperty("connectTimeout", SOCKET_TIMEOUT_S);
      hikari.addDataSourceProperty("loginTimeout", SOCKET_TIMEOUT_S);
    }
    return hikari;
  }

  Connection connection() throws SQLException {
    return pool.getConnection();
  }

  Dialect dialect() {
    return dialect;
  }

  RowSweeper sweeper() {
    return sweeper;
  }

  /** Whether the last health check reached the database. */
  public boolean isReachable() {
    return health.isReachable();
  }

  DatabaseHealth health() {
    return health;
  }

  @Override
  public void close() {
    health.close();
    sweeper.close();
    pool.close();
  }
}
