package io.docparser.config;

/** Where documents are parsed. */
public enum Isolation {
  /** In child JVMs, one per parser slot, each with its own heap, time limit and restart. */
  PROCESS,
  /** In the service's own JVM, on its parser worker pool. */
  NONE
}
