package io.docparser.persistence;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends this JVM when its node cannot keep what it accepts any more. A supervisor (systemd, Docker, Kubernetes)
 * restarts a node that exits, whereas one that stays up answering 503 waits for someone to notice. The stop is the
 * usual graceful one (the shutdown hooks: draining, leaving the cluster), and the JVM halts if that takes longer than
 * {@link #HALT_AFTER}.
 */
final class NodeExit {

  private static final Logger LOG = LoggerFactory.getLogger(NodeExit.class);
  /** sysexits' EX_IOERR: the database file of the node could not be used. */
  static final int STATUS = 74;
  /**
   * As long as the launcher lets a graceful stop take (two minutes for Vert.x to close), which holds the longest drain
   * of the parser slots (DOCPARSER_DRAIN_MS, at most 90 s) and the rest of the stop.
   */
  private static final Duration HALT_AFTER = Duration.ofMinutes(2);

  private NodeExit() {
  }

  static void exit(String reason) {
    LOG.error("the node stops with exit status {} so that its supervisor starts it afresh: {}", STATUS, reason);
    Thread halt = new Thread(NodeExit::haltLater, "docparser-halt");
    halt.setDaemon(true);
    halt.start();
    // Not on the caller's thread: the shutdown hooks close the database, whose threads would then wait on themselves.
    new Thread(() -> System.exit(STATUS), "docparser-exit").start();
  }

  private static void haltLater() {
    try {
      Thread.sleep(HALT_AFTER.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Runtime.getRuntime().halt(STATUS);
  }
}
