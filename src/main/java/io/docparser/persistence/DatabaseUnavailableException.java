package io.docparser.persistence;

/**
 * The database did not take or give a row. Thrown from the map stores, it reaches the caller of the map operation
 * (write-through), which answers STORE_UNAVAILABLE rather than accept what it could not keep.
 */
public final class DatabaseUnavailableException extends RuntimeException {

  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * A refusal while the database is known to be away. Without a stack trace: Hazelcast logs every failed map-store
   * call, and during an outage the same trace for each refused submission would only bury the log.
   */
  DatabaseUnavailableException(String message) {
    super(message, null, false, false);
  }
}
