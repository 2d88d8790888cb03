package io.docparser.api;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The owner ids of API keys: the id kept in a caller's job records and in front of its idempotency keys. An id is
 * an HMAC-SHA256, keyed with a secret the cluster shares, of the key's legacy id (a bare SHA-256 digest, which is
 * what records held before): whoever reads the store cannot test guessed keys against it without the secret, and a
 * migration can turn every legacy id it finds into the new one without knowing a single key. The secret is never
 * printed; ids are not compared in constant time, as they identify and do not authenticate.
 */
public final class OwnerIds {

  /**
   * The whole HMAC, in hex: 64 characters, twice the length of a legacy id, so that the two forms are never taken
   * for one another.
   */
  public static final int LENGTH = 64;
  /** Secrets the cluster makes for itself are as long as the HMAC's output: longer ones add nothing. */
  public static final int GENERATED_SECRET_BYTES = 32;
  private static final String ALGORITHM = "HmacSHA256";
  private static final String LEGACY_DOMAIN = "doc-parser-service caller\n";
  private static final int LEGACY_BYTES = 16;
  private static final Pattern LEGACY_ID = Pattern.compile("[0-9a-f]{" + 2 * LEGACY_BYTES + "}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private final SecretKeySpec secret;

  /** @param secret the cluster's secret: the configured one's UTF-8 bytes, or the one kept in the store */
  public OwnerIds(byte[] secret) {
    this.secret = new SecretKeySpec(secret, ALGORITHM);
  }

  /** The owner id of a presented key, the same on every node that has the same secret. */
  public String of(String presentedKey) {
    return hmac(secret, legacyId(presentedKey));
  }

  /**
   * The owner id that replaces a legacy one, for the migration of stored records.
   *
   * @throws IllegalArgumentException when {@code legacyOwnerId} is not of the legacy form (see {@link #isLegacy})
   */
  public static String fromLegacy(String legacyOwnerId, byte[] secret) {
    if (!isLegacy(legacyOwnerId)) {
      throw new IllegalArgumentException("not a legacy owner id: 32 lower-case hex digits were expected");
    }
    return hmac(new SecretKeySpec(secret, ALGORITHM), legacyOwnerId);
  }

  /** Whether {@code ownerId} has the form of the ids records held before they were keyed with a secret. */
  public static boolean isLegacy(String ownerId) {
    return ownerId != null && LEGACY_ID.matcher(ownerId).matches();
  }

  /** A fresh random secret, for a cluster that is not given one. */
  public static byte[] newSecret() {
    byte[] secret = new byte[GENERATED_SECRET_BYTES];
    RANDOM.nextBytes(secret);
    return secret;
  }

  /** What records held before: the first 16 bytes of a SHA-256 of the key, in hex. */
  private static String legacyId(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((LEGACY_DOMAIN + key).getBytes(StandardCharsets.UTF_8));
      return HEX.formatHex(digest, 0, LEGACY_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** A Mac per call: Mac objects are not thread-safe, and ids are taken on every event loop at once. */
  private static String hmac(SecretKeySpec secret, String legacyId) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(secret);
      return HEX.formatHex(mac.doFinal(legacyId.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java runtime has HMAC-SHA256 and takes any non-empty key", e);
    }
  }
}
