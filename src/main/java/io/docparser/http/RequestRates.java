package io.docparser.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Requests per second per API key on this node: a token bucket per key that holds one second's worth of requests
 * and refills continuously. There are as many buckets as keys that have been used, and keys are configured, so the
 * map stays small.
 */
final class RequestRates {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final int perSecond;
  private final LongSupplier nanoTime;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** @param perSecond requests per second per key; 0 for no limit */
  RequestRates(int perSecond) {
    this(perSecond, System::nanoTime);
  }

  /** @param nanoTime the time in nanoseconds, as {@link System#nanoTime()} tells it */
  RequestRates(int perSecond, LongSupplier nanoTime) {
    this.perSecond = perSecond;
    this.nanoTime = nanoTime;
  }

  /** Takes one request from the key's allowance; false when it has none left this second. */
  boolean tryAcquire(String callerId) {
    if (perSecond == 0) {
      return true;
    }
    long now = nanoTime.getAsLong();
    return buckets.computeIfAbsent(callerId, id -> new Bucket(perSecond, now)).tryTake(now);
  }

  private static final class Bucket {

    private final int capacity;
    private double tokens;
    private long refilledAt;

    Bucket(int capacity, long now) {
      this.capacity = capacity;
      this.tokens = capacity;
      this.refilledAt = now;
    }

    synchronized boolean tryTake(long now) {
      tokens = Math.min(capacity, tokens + (now - refilledAt) * (double) capacity / NANOS_PER_SECOND);
      refilledAt = now;
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }
  }
}
