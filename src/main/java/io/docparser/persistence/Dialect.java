package io.docparser.persistence;

/** The SQL that differs between the databases the service runs on. */
enum Dialect {
  POSTGRESQL {
    @Override
    String upsert(String table) {
      return "INSERT INTO " + table + " (id, body, expires_at, stored_at) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body, expires_at = EXCLUDED.expires_at,"
          + " stored_at = EXCLUDED.stored_at";
    }

    @Override
    String jobIdOfDocument(String column) {
      return "split_part(" + column + ", '/', 1)";
    }
  },
  H2 {
    @Override
    String upsert(String table) {
      return "MERGE INTO " + table + " (id, body, expires_at, stored_at) KEY (id) VALUES (?, ?, ?, ?)";
    }

    @Override
    String jobIdOfDocument(String column) {
      return "SUBSTRING(" + column + ", 1, LOCATE('/', " + column + ") - 1)";
    }
  };

  /** An insert-or-replace of one row: id, body, expires_at, stored_at. */
  abstract String upsert(String table);

  /** The job id in a document chunk's key ({@code jobId/index}, see DocumentStore). */
  abstract String jobIdOfDocument(String column);

  static Dialect of(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:h2:") ? H2 : POSTGRESQL;
  }
}
