package io.docparser.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Reads a secret given either as a setting or as a file that holds it (for secrets mounted as files), not both:
 * two sources would leave a doubt. Messages name the setting, never the secret.
 */
final class SecretReader {

  private final Function<ConfigKey, String> raw;
  private final BiFunction<ConfigKey, String, ConfigException> invalid;
  private final BiFunction<ConfigKey, String, ConfigException> invalidSecret;

  SecretReader(Function<ConfigKey, String> raw, BiFunction<ConfigKey, String, ConfigException> invalid,
      BiFunction<ConfigKey, String, ConfigException> invalidSecret) {
    this.raw = raw;
    this.invalid = invalid;
    this.invalidSecret = invalidSecret;
  }

  /**
   * @param minLength the fewest characters the secret may have, after the file's surrounding whitespace is dropped
   * @return the secret; empty when neither setting is set
   */
  Optional<String> read(ConfigKey direct, ConfigKey file, int minLength) {
    String value = raw.apply(direct);
    String path = raw.apply(file);
    if (!path.isEmpty() && !value.isEmpty()) {
      throw invalidSecret.apply(direct, "is set together with " + file.envName() + "; set only one of them");
    }
    if (path.isEmpty()) {
      return value.isEmpty() ? Optional.empty() : Optional.of(requireLength(direct, value, minLength));
    }
    try {
      return Optional.of(requireLength(file, Files.readString(Path.of(path), StandardCharsets.UTF_8).strip(),
          minLength));
    } catch (IOException | InvalidPathException e) {
      throw invalid.apply(file, "cannot be read: " + e.getMessage());
    }
  }

  private String requireLength(ConfigKey key, String secret, int minLength) {
    if (secret.length() < minLength) {
      throw invalidSecret.apply(key, "must hold a secret of at least " + minLength + " characters");
    }
    return secret;
  }
}
