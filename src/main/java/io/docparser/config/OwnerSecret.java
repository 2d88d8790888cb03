package io.docparser.config;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The secret that owner ids are keyed with (see {@link io.docparser.api.OwnerIds}), when the operator gives one;
 * without it the cluster generates one once and keeps it in its store. Every node of a cluster must have the same.
 *
 * @param configured {@code DOCPARSER_OWNER_SECRET}, or the content of {@code DOCPARSER_OWNER_SECRET_FILE}; empty when
 *                   neither is set. Never printed: {@link #toString()} leaves it out
 */
public record OwnerSecret(Optional<String> configured) {

  /** None configured: the one kept in the store is used. */
  public static final OwnerSecret NONE = new OwnerSecret(Optional.empty());
  /** Shorter secrets could be guessed; {@code openssl rand -base64 32} makes one of 44 characters. */
  public static final int MIN_LENGTH = 32;

  /** The HMAC key of the configured secret: its UTF-8 bytes. */
  public Optional<byte[]> configuredKey() {
    return configured.map(secret -> secret.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return configured.isPresent() ? "OwnerSecret[configured]" : "OwnerSecret[kept in the store]";
  }
}
