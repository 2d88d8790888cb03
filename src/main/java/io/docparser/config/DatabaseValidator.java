package io.docparser.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Validates the database settings; kept apart from {@link ConfigValidator} so that each stays small. */
final class DatabaseValidator {

  private final Function<ConfigKey, String> raw;
  private final BiFunction<ConfigKey, String, ConfigException> invalid;
  private final BiFunction<ConfigKey, String, ConfigException> invalidSecret;

  DatabaseValidator(Function<ConfigKey, String> raw, BiFunction<ConfigKey, String, ConfigException> invalid,
      BiFunction<ConfigKey, String, ConfigException> invalidSecret) {
    this.raw = raw;
    this.invalid = invalid;
    this.invalidSecret = invalidSecret;
  }

  DatabaseSettings validate() {
    return new DatabaseSettings(url(), raw.apply(ConfigKey.DB_USER), password(), dataDir());
  }

  private Optional<String> url() {
    String url = raw.apply(ConfigKey.DB_URL);
    if (url.isEmpty()) {
      return Optional.empty();
    }
    if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
      throw invalidSecret.apply(ConfigKey.DB_URL, "is '" + JdbcUrls.redact(url) + "', but must be a PostgreSQL JDBC"
          + " URL (jdbc:postgresql://host:5432/database) or an H2 one (jdbc:h2:...)");
    }
    if (JdbcUrls.hasUserInfo(url)) {
      throw invalidSecret.apply(ConfigKey.DB_URL, "is '" + JdbcUrls.redact(url) + "', with a user or password before"
          + " the host, where JDBC drivers do not read them (and print them in their errors); set "
          + ConfigKey.DB_USER.envName() + " and " + ConfigKey.DB_PASSWORD_FILE.envName() + " (or "
          + ConfigKey.DB_PASSWORD.envName() + ") instead");
    }
    return Optional.of(url);
  }

  /** The password from the setting or from the file it names; empty for none. */
  private String password() {
    return new SecretReader(raw, invalid, invalidSecret).read(ConfigKey.DB_PASSWORD, ConfigKey.DB_PASSWORD_FILE, 0)
        .orElse("");
  }

  private Path dataDir() {
    String configured = raw.apply(ConfigKey.DATA_DIR);
    if (configured.isEmpty()) {
      throw invalid.apply(ConfigKey.DATA_DIR, "must not be empty");
    }
    try {
      return Path.of(configured).toAbsolutePath();
    } catch (InvalidPathException e) {
      throw invalid.apply(ConfigKey.DATA_DIR, "is not a usable path: " + e.getMessage());
    }
  }
}
