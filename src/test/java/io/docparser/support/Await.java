package io.docparser.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting for a condition that another thread or process brings about, with a deadline: the test goes on as soon as
 * the condition holds, and fails with a message naming it if it never does.
 */
public final class Await {

  /** Long enough for anything a test waits for on a loaded machine; reached only when the awaited never happens. */
  public static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final long POLL_MS = 20;

  private Await() {
  }

  public static void until(BooleanSupplier condition, String what) {
    until(condition, DEADLINE, what);
  }

  public static void until(BooleanSupplier condition, Duration deadline, String what) {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("waited " + deadline.toSeconds() + " s in vain for " + what);
      }
      pause();
    }
  }

  /** The first value of {@code read} that {@code wanted} accepts. */
  public static <T> T value(Supplier<T> read, Predicate<T> wanted, String what) {
    long end = System.nanoTime() + DEADLINE.toNanos();
    T value = read.get();
    while (!wanted.test(value)) {
      if (System.nanoTime() > end) {
        throw new AssertionError("waited " + DEADLINE.toSeconds() + " s in vain for " + what + "; last: " + value);
      }
      pause();
      value = read.get();
    }
    return value;
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting", e);
    }
  }
}
