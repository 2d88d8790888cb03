package io.docparser.persistence;

/** The tables that hold the persisted maps, defined once for the map stores, the sweeper and the migrations. */
enum Table {
  JOBS("docparser_jobs"),
  DOCUMENTS("docparser_documents"),
  RESULTS("docparser_results"),
  IDEMPOTENCY_KEYS("docparser_idempotency_keys"),
  SETTINGS("docparser_settings");

  private final String sqlName;

  Table(String sqlName) {
    this.sqlName = sqlName;
  }

  String sqlName() {
    return sqlName;
  }
}
