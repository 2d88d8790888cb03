package io.docparser.persistence;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What the health check does besides telling whether the database answers: how it tries a connection, and what it
 * does about a check that failed or passed.
 */
interface Recovery {

  /**
   * A database server (PostgreSQL, an H2 server) comes back by itself, and the pool's next connection reaches it
   * again: a connection that validates is enough, and there is nothing to repair.
   */
  Recovery SERVER = new Recovery() {
    private static final int VALIDATION_TIMEOUT_S = 1;

    @Override
    public void probe(Connection connection) throws SQLException {
      if (!connection.isValid(VALIDATION_TIMEOUT_S)) {
        throw new SQLException("the connection did not validate within " + VALIDATION_TIMEOUT_S + " s");
      }
    }

    @Override
    public void checkFailed(Exception failure) {
    }

    @Override
    public void checkPassed() {
    }
  };

  /** Throws when the database cannot be used through this connection. */
  void probe(Connection connection) throws SQLException;

  void checkFailed(Exception failure);

  void checkPassed();
}
