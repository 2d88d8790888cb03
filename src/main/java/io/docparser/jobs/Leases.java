package io.docparser.jobs;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The attempts this node is running, whose leases it keeps renewing. A node that dies stops renewing, so its
 * attempts' leases run out and another node takes the jobs back; a node that leaves the cluster cleanly has its
 * jobs taken back at once (see {@link LeaseVerticle}).
 */
public final class Leases {

  private final Duration length;
  private final Duration drain;
  private final Set<Job> running = ConcurrentHashMap.newKeySet();

  /**
   * @param length how long a claim holds without renewal: short, so that a lost node's jobs are retried soon; it is
   *               renewed three times per period, so that a renewal that is late or lost once does not cost the job
   * @param drain  how long a stopping node keeps its running attempts (renewing their leases) while their parses end
   */
  public Leases(Duration length, Duration drain) {
    this.length = length;
    this.drain = drain;
  }

  Duration length() {
    return length;
  }

  Duration drain() {
    return drain;
  }

  /** How often the running attempts' leases are renewed. */
  long renewEveryMs() {
    return length.toMillis() / 3;
  }

  void started(Job attempt) {
    running.add(attempt);
  }

  void ended(Job attempt) {
    running.remove(attempt);
  }

  Set<Job> running() {
    return Set.copyOf(running);
  }
}
