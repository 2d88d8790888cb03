package io.docparser.persistence;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.Await;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The database health check in front of the map stores")
class DatabaseHealthTest {

  private final AtomicBoolean serverUp = new AtomicBoolean(true);
  private final AtomicInteger checks = new AtomicInteger();
  /** When set, checks wait for it: a check that takes as long as a connection timeout does. */
  private volatile CountDownLatch firstCheckMayEnd;
  private final DatabaseHealth health = new DatabaseHealth(this::connect, Recovery.SERVER);

  @AfterEach
  void close() {
    health.close();
  }

  @Test
  @DisplayName("a failed statement has the store refuse at once until a check finds the database back")
  void refusesWhileUnreachableAndRecovers() {
    health.start();
    assertDoesNotThrow(health::requireReachable);

    serverUp.set(false);
    health.statementFailed();
    await(() -> !health.isReachable(), "the failed statement was not checked");
    DatabaseUnavailableException refused = assertThrows(DatabaseUnavailableException.class, health::requireReachable);
    assertTrue(refused.getMessage().contains("server is down"), refused.getMessage());

    serverUp.set(true);
    await(health::isReachable, "the periodic check did not find the database back");
    assertDoesNotThrow(health::requireReachable);
  }

  @Test
  @DisplayName("a statement that failed while the database answers does not stop the store")
  void aFailedStatementAloneIsNoOutage() {
    health.statementFailed();
    await(() -> checks.get() == 1, "the failed statement was not checked");
    assertTrue(health.isReachable());
    assertDoesNotThrow(health::requireReachable);
  }

  @Test
  @DisplayName("statements that fail together share one check rather than queue one each")
  void aBurstOfFailuresSharesOneCheck() throws Exception {
    firstCheckMayEnd = new CountDownLatch(1);
    health.statementFailed();
    await(() -> checks.get() == 1, "the first failed statement was not checked");
    for (int i = 0; i < 50; i++) {
      health.statementFailed();
    }
    firstCheckMayEnd.countDown();
    await(() -> checks.get() >= 2, "the failures during the first check were not checked after it");
    health.settled().get(10, TimeUnit.SECONDS);
    assertEquals(2, checks.get(), "each failed statement queued a check of its own");
  }

  private Connection connect() throws SQLException {
    checks.incrementAndGet();
    if (firstCheckMayEnd != null) {
      try {
        firstCheckMayEnd.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException(e);
      }
    }
    if (!serverUp.get()) {
      throw new SQLTransientConnectionException("server is down");
    }
    return DriverManager.getConnection("jdbc:h2:mem:health");
  }

  private static void await(BooleanSupplier condition, String failure) {
    Await.until(condition, Duration.ofSeconds(10), failure);
  }
}
