package io.docparser.config;

import java.util.Locale;

/**
 * Every setting of the service under its three names: the key in config.json ({@code http.port}), the environment
 * variable ({@code DOCPARSER_HTTP_PORT}) and the system property ({@code docparser.http.port}). The names are
 * derived from one another, so the README's table, the loader and the error messages cannot drift apart.
 */
public enum ConfigKey {
  HTTP_HOST("127.0.0.1"),
  HTTP_PORT("8000"),
  NODE_ID(""),
  ROLES("api,worker"),
  WORKERS(""),
  ISOLATION("process"),
  PARSER_HEAP_MB("512"),
  PARSER_MAX_DOCS("10000"),
  PARSER_CLASSPATH(""),
  PARSE_TIMEOUT_MS("120000"),
  MAX_ATTEMPTS("3"),
  LEASE_MS("30000"),
  DRAIN_MS("30000"),
  MAX_UPLOAD_BYTES("104857600"),
  MAX_TEXT_CHARS("20000000"),
  QUEUE_MAX("10000"),
  QUEUE_MAX_BYTES("2147483648"),
  UPLOAD_DIR(""),
  RESULT_TTL_S("86400"),
  API_KEYS(""),
  API_KEY_HASHES(""),
  OPERATOR_KEYS(""),
  OPERATOR_KEY_HASHES(""),
  RATE_LIMIT_PER_S("100"),
  MAX_ACTIVE_JOBS_PER_KEY("1000"),
  KEY_MAX_STORED_BYTES("10737418240"),
  KEY_MAX_JOBS("100000"),
  KEY_MAX_IN_FLIGHT("256"),
  KEY_MAX_LONG_POLLS("128"),
  MAX_CONNECTIONS("10000"),
  MAX_CONNECTIONS_PER_IP("256"),
  REQUEST_HEADER_TIMEOUT_MS("30000"),
  REQUEST_BODY_TIMEOUT_MS("600000"),
  ALLOW_OPEN_ACCESS("false"),
  OWNER_SECRET(""),
  OWNER_SECRET_FILE(""),
  LOG_LEVEL("INFO"),
  CLUSTER_NAME("docparser"),
  CLUSTER_MEMBERS("127.0.0.1"),
  CLUSTER_HOST(""),
  DATA_DIR("data"),
  DB_URL(""),
  DB_USER(""),
  DB_PASSWORD(""),
  DB_PASSWORD_FILE("");

  private static final String ENV_PREFIX = "DOCPARSER_";
  private static final String PROPERTY_PREFIX = "docparser.";

  private final String defaultValue;

  ConfigKey(String defaultValue) {
    this.defaultValue = defaultValue;
  }

  /** The key in config.json, e.g. {@code http.port}. */
  public String jsonKey() {
    return name().toLowerCase(Locale.ROOT).replace('_', '.');
  }

  /** The environment variable, e.g. {@code DOCPARSER_HTTP_PORT}. */
  public String envName() {
    return ENV_PREFIX + name();
  }

  /** The system property, e.g. {@code docparser.http.port}. */
  public String propertyName() {
    return PROPERTY_PREFIX + jsonKey();
  }

  /** The built-in default; empty where the default depends on the machine (CPU count, host name). */
  String defaultValue() {
    return defaultValue;
  }

  /** How a message names this key: every spelling, so the reader finds it wherever it was set. */
  public String describe() {
    return envName() + " (" + jsonKey() + ")";
  }

  static ConfigKey fromJsonKey(String key) {
    for (ConfigKey k : values()) {
      if (k.jsonKey().equals(key)) {
        return k;
      }
    }
    return null;
  }
}
