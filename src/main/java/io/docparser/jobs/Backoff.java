package io.docparser.jobs;

import java.time.Duration;

/**
 * The wait before a job that went back to the queue may be tried again. It grows with each attempt, so that a
 * document that takes its nodes down (a crash, a lost worker) does not go through the cluster's nodes at once.
 */
final class Backoff {

  private static final Duration FIRST = Duration.ofSeconds(2);
  private static final Duration LONGEST = Duration.ofSeconds(30);

  private Backoff() {
  }

  /** The wait after {@code attempts} tries: 2 s, 4 s, 8 s ... up to 30 s. */
  static Duration after(int attempts) {
    Duration wait = FIRST.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 4));
    return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
  }
}
