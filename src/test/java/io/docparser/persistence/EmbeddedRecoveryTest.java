package io.docparser.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.map.EntryLoader.MetadataAwareValue;
import io.docparser.config.OwnerSecret;
import io.docparser.config.DatabaseSettings;
import io.docparser.support.MutableClock;
import io.docparser.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.h2.api.ErrorCode;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An embedded H2 database that closes itself under the pool")
class EmbeddedRecoveryTest {

  private final List<String> gaveUp = new CopyOnWriteArrayList<>();
  private Database database;

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  @Test
  @DisplayName("is reopened: the store takes and gives rows again, and the rows written before are still there")
  void isReopened() throws Exception {
    database = Database.open(TestDatabases.embedded().standaloneTarget(), OwnerSecret.NONE);
    JdbcEntryStore<String> store = new JdbcEntryStore<>(database, Table.RESULTS, ColumnCodec.TEXT, false);
    store.store("before", new MetadataAwareValue<>("written before"));

    closeUnderThePool(database);
    assertThrows(DatabaseUnavailableException.class, () -> store.store("during", new MetadataAwareValue<>("lost")));

    await(() -> stores(store, "after"), "the store never took a row again");
    assertEquals("written before", store.load("before").getValue());
    assertTrue(database.isReachable());
  }

  @Test
  @DisplayName("that cannot be reopened makes the node give up once, saying why, after the bound")
  void givesUpWhenItCannotBeReopened() throws Exception {
    DatabaseSettings settings = TestDatabases.embedded();
    database = Database.open(settings.standaloneTarget(), OwnerSecret.NONE, Duration.ofSeconds(1), gaveUp::add);

    closeUnderThePool(database);
    // A directory where the database file was: H2 cannot open it again.
    Path file = settings.dataDir().resolve("docparser.mv.db");
    Files.delete(file);
    Files.createDirectory(file);
    database.health().statementFailed();

    await(() -> !gaveUp.isEmpty(), "the node never gave up on a database it cannot reopen");
    for (int check = 0; check < 3; check++) {
      database.health().statementFailed();
      database.health().settled().get(10, TimeUnit.SECONDS);
    }
    assertEquals(1, gaveUp.size(), gaveUp.toString());
    assertTrue(gaveUp.get(0).contains("could not be reopened within 1 s"), gaveUp.get(0));
    assertFalse(database.isReachable());
  }

  @Test
  @DisplayName("a failed check that is no closed database (a pool that timed out) evicts, but never gives up")
  void otherFailuresNeverGiveUp() {
    AtomicInteger evictions = new AtomicInteger();
    EmbeddedRecovery recovery = new EmbeddedRecovery(evictions::incrementAndGet, Duration.ZERO, gaveUp::add);
    for (int i = 0; i < 3; i++) {
      recovery.checkFailed(new SQLTransientConnectionException("Connection is not available, request timed out"));
    }
    assertEquals(3, evictions.get());
    assertEquals(List.of(), gaveUp);
  }

  @Test
  @DisplayName("a check that passes stops the clock that a closed database started")
  void aPassedCheckStopsTheClock() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    EmbeddedRecovery recovery = new EmbeddedRecovery(() -> { }, Duration.ofMillis(50), gaveUp::add,
        () -> TimeUnit.MILLISECONDS.toNanos(clock.millis()));
    recovery.checkFailed(closed());
    recovery.checkPassed();
    clock.advance(Duration.ofMillis(100));
    recovery.checkFailed(closed());
    assertEquals(List.of(), gaveUp);

    clock.advance(Duration.ofMillis(100));
    recovery.checkFailed(new SQLTransientConnectionException("still not open"));
    assertEquals(1, gaveUp.size(), "a database closed for longer than the bound");
  }

  @Test
  @DisplayName("a closed database is told by H2's error code or by a failure of its store anywhere in the causes")
  void closedDatabasesAreRecognised() {
    assertTrue(EmbeddedRecovery.isClosedDatabase(closed()));
    assertTrue(EmbeddedRecovery.isClosedDatabase(new SQLException("IO Exception", "90028", ErrorCode.IO_EXCEPTION_2,
        new java.io.IOException(new MVStoreException(3, "java.lang.OutOfMemoryError: Capacity: 95742655")))));
    assertFalse(EmbeddedRecovery.isClosedDatabase(new SQLTransientConnectionException("timed out")));
  }

  private static SQLException closed() {
    return new SQLException("The database has been closed", "90098", ErrorCode.DATABASE_IS_CLOSED);
  }

  /**
   * H2's own simulation of a failed store (its crash tests use it), which leaves the database as an
   * OutOfMemoryError in a page write does: closed, while the sessions opened before stay open and valid.
   */
  private static void closeUnderThePool(Database database) throws SQLException {
    try (Connection pooled = database.connection()) {
      ((SessionLocal) pooled.unwrap(JdbcConnection.class).getSession()).getDatabase().setPowerOffCount(1);
      try (Statement write = pooled.createStatement()) {
        write.execute("DELETE FROM " + Table.JOBS.sqlName());
      } catch (SQLException closedNow) {
        assertEquals(ErrorCode.DATABASE_IS_CLOSED, closedNow.getErrorCode(), closedNow.toString());
      }
    } catch (SQLException returnedClosed) {
      // the pool's attempt to reset the connection fails the same way
    }
  }

  private static boolean stores(JdbcEntryStore<String> store, String key) {
    try {
      store.store(key, new MetadataAwareValue<>("written after"));
      return true;
    } catch (DatabaseUnavailableException refused) {
      return false;
    }
  }

  private static void await(BooleanSupplier condition, String failure) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(failure);
      }
      Thread.sleep(50);
    }
  }
}
