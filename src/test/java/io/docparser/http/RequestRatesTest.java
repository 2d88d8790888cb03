package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The request rate of each key, on a clock the test moves: how fast the machine runs does not matter. */
@DisplayName("The request rate of each API key")
class RequestRatesTest {

  private static final int PER_SECOND = 10;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final RequestRates rates = new RequestRates(PER_SECOND, () -> TimeUnit.MILLISECONDS.toNanos(clock.millis()));

  @Test
  @DisplayName("a key may make a second's worth of requests at once, and is refused the next one in that instant")
  void aBurstOfOneSecondIsAllowed() {
    takeAll("key", PER_SECOND);

    assertFalse(rates.tryAcquire("key"));
  }

  @Test
  @DisplayName("a refused key gets one more request for each tenth of a second that passes, never more than a"
      + " second's worth")
  void allowanceRefillsWithTime() {
    takeAll("key", PER_SECOND);

    clock.advance(Duration.ofMillis(1000 / PER_SECOND));
    assertTrue(rates.tryAcquire("key"));
    assertFalse(rates.tryAcquire("key"));

    clock.advance(Duration.ofMinutes(1));
    takeAll("key", PER_SECOND);
    assertFalse(rates.tryAcquire("key"));
  }

  @Test
  @DisplayName("a key that used up its allowance takes nothing from another key's")
  void keysAreCountedApart() {
    takeAll("hurried", PER_SECOND);
    assertFalse(rates.tryAcquire("hurried"));

    takeAll("patient", PER_SECOND);
  }

  @Test
  @DisplayName("a rate of 0 means no limit")
  void zeroMeansUnlimited() {
    RequestRates unlimited = new RequestRates(0, () -> 0);
    for (int i = 0; i < 10_000; i++) {
      assertTrue(unlimited.tryAcquire("key"));
    }
  }

  private void takeAll(String key, int requests) {
    for (int i = 0; i < requests; i++) {
      assertTrue(rates.tryAcquire(key), "request " + (i + 1) + " of " + requests + " was refused");
    }
  }
}
