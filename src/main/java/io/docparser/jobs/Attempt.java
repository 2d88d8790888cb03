package io.docparser.jobs;

import java.io.Serializable;

/**
 * One try at a job: the node running it and its number. Transitions that act for an attempt carry this (not the
 * whole record), since they travel to the member that owns the job and to its backup.
 */
record Attempt(String node, int number) implements Serializable {

  static Attempt of(Job claimed) {
    return new Attempt(claimed.node(), claimed.attempts());
  }
}
