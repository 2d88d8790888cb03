package io.docparser.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The API keys a node accepts, held as salted SHA-256 hashes only: keys given in clear ({@code DOCPARSER_API_KEYS})
 * are hashed with a fresh random salt at start-up, and keys given as hashes ({@code DOCPARSER_API_KEY_HASHES}, made
 * with {@code java -jar doc-parser-service.jar hash-api-key}) are kept as they are. A presented key is hashed with
 * every entry's salt and compared in constant time, and every entry is tried, so the time taken says nothing about
 * which key, or which part of one, matched.
 */
public final class ApiKeys {

  /** No keys: authentication is off. */
  public static final ApiKeys NONE = new ApiKeys(List.of());
  /** Shorter keys could be guessed; a generated key (see the README) is 43 characters. */
  static final int MIN_KEY_LENGTH = 16;
  private static final String SCHEME = "sha256";
  private static final int SALT_BYTES = 16;
  private static final Pattern ENTRY = Pattern.compile(SCHEME + ":([0-9a-f]{32}):([0-9a-f]{64})");
  /** Keys are sent in headers: visible ASCII, no separators that would split a header or a list. */
  private static final Pattern USABLE_KEY = Pattern.compile("[\\x21-\\x7e&&[^,]]+");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private final List<Entry> entries;

  private ApiKeys(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * @throws IllegalArgumentException naming what is wrong with a key or an entry (never the key itself)
   */
  static ApiKeys of(List<String> clearKeys, List<String> hashEntries) {
    List<Entry> entries = new ArrayList<>();
    for (String key : clearKeys) {
      requireUsable(key);
      entries.add(Entry.of(key));
    }
    for (String entry : hashEntries) {
      entries.add(Entry.parse(entry));
    }
    return new ApiKeys(entries);
  }

  /** The stored form of a key, as {@code DOCPARSER_API_KEY_HASHES} takes it: {@code sha256:<salt>:<hash>}. */
  public static String hashEntry(String key) {
    requireUsable(key);
    Entry entry = Entry.of(key);
    return SCHEME + ":" + HEX.formatHex(entry.salt()) + ":" + HEX.formatHex(entry.hash());
  }

  public boolean enabled() {
    return !entries.isEmpty();
  }

  public int count() {
    return entries.size();
  }

  /** Whether the presented key is one of these keys; every entry is tried, whichever matches. */
  public boolean accepts(String presented) {
    boolean matched = false;
    for (Entry entry : entries) {
      matched |= MessageDigest.isEqual(entry.hash(), sha256(entry.salt(), presented));
    }
    return matched;
  }

  private static void requireUsable(String key) {
    if (key.length() < MIN_KEY_LENGTH || !USABLE_KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("holds a key that is shorter than " + MIN_KEY_LENGTH
          + " characters or has characters other than visible ASCII (commas separate keys)");
    }
  }

  private static byte[] sha256(byte[] salt, String key) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(salt);
      return digest.digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private record Entry(byte[] salt, byte[] hash) {

    static Entry of(String key) {
      byte[] salt = new byte[SALT_BYTES];
      RANDOM.nextBytes(salt);
      return new Entry(salt, sha256(salt, key));
    }

    static Entry parse(String text) {
      var match = ENTRY.matcher(text);
      if (!match.matches()) {
        throw new IllegalArgumentException("holds an entry that is not of the form " + SCHEME
            + ":<32 hex digits of salt>:<64 hex digits of hash>, as hash-api-key prints it");
      }
      return new Entry(HEX.parseHex(match.group(1)), HEX.parseHex(match.group(2)));
    }
  }
}
