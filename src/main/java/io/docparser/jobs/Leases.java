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
  private final Set<Job> running = ConcurrentHashMap.newKeySet();

  /**
   * @param length how long a claim holds without renewal: short, so that a lost node's jobs are retried soon; it is
   *               renewed three times per period, so that a renewal that is late or lost once does not cost the job
   */
  public Leases(Duration length) {
    this.length = length;
  }

  Duration length() {
    return length;
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
