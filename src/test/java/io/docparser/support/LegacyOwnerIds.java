package io.docparser.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The owner id a key had before owner ids were keyed with a secret, computed as ApiKeys did then, so that tests can
 * write records the way an older node wrote them.
 */
public final class LegacyOwnerIds {

  private LegacyOwnerIds() {
  }

  public static String of(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(("doc-parser-service caller\n" + key).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
