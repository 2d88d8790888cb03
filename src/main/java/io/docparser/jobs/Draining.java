package io.docparser.jobs;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether this node is on its way out (SIGTERM received): it then takes no new job and reports itself not ready,
 * so that a load balancer sends new requests elsewhere while its running parses end.
 */
public final class Draining {

  private final AtomicBoolean draining = new AtomicBoolean();

  public void begin() {
    draining.set(true);
  }

  public boolean isDraining() {
    return draining.get();
  }
}
