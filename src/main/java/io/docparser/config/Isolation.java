package io.docparser.config;

/** Where documents are parsed. */
public enum Isolation {
  /** In the service's own JVM, on its parser worker pool. */
  NONE
}
