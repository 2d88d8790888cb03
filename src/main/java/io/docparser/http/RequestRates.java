package io.docparser.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per second per API key on this node: a token bucket per key that holds one second's worth of requests
 * and refills continuously. There are as many buckets as keys that have been used, and keys are configured, so the
 * map stays small.
 */
final class RequestRates {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final int perSecond;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** @param perSecond requests per second per key; 0 for no limit */
  RequestRates(int perSecond) {
    this.perSecond = perSecond;
  }

  /** Takes one request from the key's allowance; false when it has none left this second. */
  boolean tryAcquire(String callerId) {
    return perSecond == 0 || buckets.computeIfAbsent(callerId, id -> new Bucket(perSecond)).tryTake(System.nanoTime());
  }

  private static final class Bucket {

    private final int capacity;
    private double tokens;
    private long refilledAt;

    Bucket(int capacity) {
      this.capacity = capacity;
      this.tokens = capacity;
      this.refilledAt = System.nanoTime();
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
