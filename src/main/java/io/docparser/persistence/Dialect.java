package io.docparser.persistence;

/** The SQL that differs between the databases the service runs on. */
enum Dialect {
  POSTGRESQL {
    @Override
    String upsert(String table) {
      return "INSERT INTO " + table + " (id, body, expires_at) VALUES (?, ?, ?)"
          + " ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body, expires_at = EXCLUDED.expires_at";
    }
  },
  H2 {
    @Override
    String upsert(String table) {
      return "MERGE INTO " + table + " (id, body, expires_at) KEY (id) VALUES (?, ?, ?)";
    }
  };

  abstract String upsert(String table);

  static Dialect of(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:h2:") ? H2 : POSTGRESQL;
  }
}
