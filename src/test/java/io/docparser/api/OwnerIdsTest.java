package io.docparser.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.LegacyOwnerIds;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Owner ids keyed with the cluster's secret")
class OwnerIdsTest {

  private static final String KEY = "test-key-0123456789abcdef";
  private static final byte[] SECRET =
      "an owner secret of at least thirty-two characters".getBytes(StandardCharsets.UTF_8);

  @Test
  @DisplayName("a key's owner id is the migration's rewrite of the id that key had before")
  void keyIdEqualsRewrittenLegacyId() {
    assertEquals(OwnerIds.fromLegacy(LegacyOwnerIds.of(KEY), SECRET), new OwnerIds(SECRET).of(KEY));
  }

  @Test
  @DisplayName("the derivation is pinned: a known key and secret give the id openssl computes for them")
  void knownAnswer() {
    // printf 'doc-parser-service caller\n%s' "$KEY" | openssl dgst -sha256 -binary | head -c 16 | xxd -p, then
    // printf '%s' "$LEGACY" | openssl dgst -sha256 -hmac "$SECRET"
    assertEquals("3e64d93671cc1683d822bb84f41ce07e", LegacyOwnerIds.of(KEY));
    assertEquals("f9b0dc0983e322007a6e0c9f91c36ad195fff55df9e462a1122fd91382e27551", new OwnerIds(SECRET).of(KEY));
  }

  @Test
  @DisplayName("two secrets give one key two different ids, and one secret gives it the same id on every node")
  void idsDependOnTheSecret() {
    byte[] other = OwnerIds.newSecret();

    assertNotEquals(new OwnerIds(SECRET).of(KEY), new OwnerIds(other).of(KEY));
    assertEquals(new OwnerIds(other.clone()).of(KEY), new OwnerIds(other).of(KEY));
  }

  @Test
  @DisplayName("two keys get two ids")
  void idsDependOnTheKey() {
    OwnerIds ids = new OwnerIds(SECRET);

    assertNotEquals(ids.of(KEY), ids.of(KEY + "x"));
  }

  @Test
  @DisplayName("an id is 64 hex digits, so it is never taken for a legacy one, and it is not the key's legacy id")
  void idsHaveTheirOwnForm() {
    String id = new OwnerIds(SECRET).of(KEY);

    assertEquals(OwnerIds.LENGTH, id.length());
    assertTrue(id.matches("[0-9a-f]+"), id);
    assertFalse(OwnerIds.isLegacy(id));
    assertTrue(OwnerIds.isLegacy(LegacyOwnerIds.of(KEY)));
  }

  @Test
  @DisplayName("the migration's rewrite refuses anything but a legacy id, so that no id is rewritten twice")
  void rewriteTakesLegacyIdsOnly() {
    String id = new OwnerIds(SECRET).of(KEY);

    assertThrows(IllegalArgumentException.class, () -> OwnerIds.fromLegacy(id, SECRET));
    assertThrows(IllegalArgumentException.class, () -> OwnerIds.fromLegacy(null, SECRET));
  }

  @Test
  @DisplayName("generated secrets are 32 random bytes, a new one each time")
  void generatedSecrets() {
    assertEquals(32, OwnerIds.newSecret().length);
    assertNotEquals(new OwnerIds(OwnerIds.newSecret()).of(KEY), new OwnerIds(OwnerIds.newSecret()).of(KEY));
  }
}
