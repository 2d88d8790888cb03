package io.docparser.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A database of its own on the local PostgreSQL server (trust authentication, user postgres), made for one test
 * class and dropped by {@link #close()}, so that tests never see each other's rows. Registered as an extension
 * ({@link #forClass()}), it is made before the class and dropped after it.
 */
public final class TestPostgres implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

  public static final String SERVER = "PostgreSQL at 127.0.0.1:5432";
  public static final String HOST = "127.0.0.1";
  public static final int PORT = 5432;
  private static final String ADMIN_URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/test?connectTimeout=2";
  private static final String USER = "postgres";

  private final String name = "docparser_it_" + UUID.randomUUID().toString().replace("-", "");
  private boolean created;

  private TestPostgres() {
  }

  /** Whether the server answers; tests call {@code Prerequisites.require(SERVER, reachable())}. */
  public static boolean reachable() {
    try (Connection ignored = DriverManager.getConnection(ADMIN_URL, USER, "")) {
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  public static TestPostgres create() {
    TestPostgres database = new TestPostgres();
    database.createDatabase();
    return database;
  }

  /**
   * A database that a test class registers as an extension: made before the class, which is skipped when the
   * server is not there (see {@link Prerequisites}), and dropped after it. Its {@link #url} is known at once, so
   * that the settings of a {@link RunningCluster} declared beside it can name it; a lower {@code @Order} than the
   * cluster's makes it before the nodes start and drops it after they stop.
   */
  public static TestPostgres forClass() {
    return new TestPostgres();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    Prerequisites.require(SERVER, reachable());
    createDatabase();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (created) {
      close();
    }
  }

  /** The JDBC URL of this database through {@code host:port}, which may be a proxy in front of the server. */
  public String url(String host, int port) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + name;
  }

  public String url() {
    return url(HOST, PORT);
  }

  public String user() {
    return USER;
  }

  @Override
  public void close() {
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private void createDatabase() {
    admin("CREATE DATABASE " + name);
    created = true;
  }

  private void admin(String sql) {
    try (Connection connection = DriverManager.getConnection(ADMIN_URL, USER, "");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
    }
  }
}
