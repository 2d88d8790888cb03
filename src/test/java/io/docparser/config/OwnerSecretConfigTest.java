package io.docparser.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The owner secret setting")
class OwnerSecretConfigTest {

  private static final String SECRET = "Zq3vX9pL2mR7tY4wK8nB5cH1dF6gJ0sA-owner";

  @TempDir
  Path dir;

  private static ServiceConfig load(Map<String, String> env) {
    return new ConfigLoader(env, Map.of()).load(null);
  }

  private static ConfigException refused(Map<String, String> env) {
    return assertThrows(ConfigException.class, () -> load(env));
  }

  @Test
  @DisplayName("is unset by default: the cluster then keeps a generated one in its store")
  void unsetByDefault() {
    assertEquals(OwnerSecret.NONE, load(Map.of()).ownerSecret());
  }

  @Test
  @DisplayName("is taken from DOCPARSER_OWNER_SECRET, config.json's owner.secret or docparser.owner.secret")
  void takenFromEverySource() {
    assertEquals(Optional.of(SECRET), load(Map.of("DOCPARSER_OWNER_SECRET", SECRET)).ownerSecret().configured());
    assertEquals(Optional.of(SECRET), new ConfigLoader(Map.of(), Map.of())
        .load("{\"owner.secret\": \"" + SECRET + "\"}").ownerSecret().configured());
    assertEquals(Optional.of(SECRET), new ConfigLoader(Map.of(), Map.of("docparser.owner.secret", SECRET))
        .load(null).ownerSecret().configured());
    assertArrayEquals(SECRET.getBytes(StandardCharsets.UTF_8),
        load(Map.of("DOCPARSER_OWNER_SECRET", SECRET)).ownerSecret().configuredKey().orElseThrow());
  }

  @Test
  @DisplayName("is read from the file DOCPARSER_OWNER_SECRET_FILE names, without its surrounding whitespace")
  void readFromAFile() throws Exception {
    Path file = Files.writeString(dir.resolve("owner-secret"), "  " + SECRET + "\n");

    assertEquals(Optional.of(SECRET),
        load(Map.of("DOCPARSER_OWNER_SECRET_FILE", file.toString())).ownerSecret().configured());
  }

  @Test
  @DisplayName("is never printed, neither in the config's string form nor in a refusal")
  void neverPrinted() throws Exception {
    assertFalse(load(Map.of("DOCPARSER_OWNER_SECRET", SECRET)).toString().contains(SECRET));
    Path file = Files.writeString(dir.resolve("owner-secret"), SECRET);

    ConfigException both = refused(Map.of("DOCPARSER_OWNER_SECRET", SECRET,
        "DOCPARSER_OWNER_SECRET_FILE", file.toString()));
    assertFalse(both.getMessage().contains(SECRET), both.getMessage());
    ConfigException tooShort = refused(Map.of("DOCPARSER_OWNER_SECRET", "short-secret"));
    assertFalse(tooShort.getMessage().contains("short-secret"), tooShort.getMessage());
  }

  @Test
  @DisplayName("set both directly and as a file, it is refused, naming both settings")
  void bothSourcesAreRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("owner-secret"), SECRET);

    ConfigException error = refused(Map.of("DOCPARSER_OWNER_SECRET", SECRET,
        "DOCPARSER_OWNER_SECRET_FILE", file.toString()));

    assertTrue(error.getMessage().contains("DOCPARSER_OWNER_SECRET (owner.secret)"), error.getMessage());
    assertTrue(error.getMessage().contains("DOCPARSER_OWNER_SECRET_FILE"), error.getMessage());
  }

  @Test
  @DisplayName("a file that does not exist is refused, naming the setting and the file")
  void missingFileIsRefused() {
    String missing = dir.resolve("no-such-secret").toString();

    ConfigException error = refused(Map.of("DOCPARSER_OWNER_SECRET_FILE", missing));

    assertTrue(error.getMessage().contains("DOCPARSER_OWNER_SECRET_FILE (owner.secret.file)"), error.getMessage());
    assertTrue(error.getMessage().contains(missing), error.getMessage());
  }

  @Test
  @DisplayName("a secret shorter than 32 characters is refused, given directly or in a file")
  void shortSecretsAreRefused() throws Exception {
    String shortSecret = SECRET.substring(0, 31);
    Path file = Files.writeString(dir.resolve("owner-secret"), shortSecret + "\n");

    assertTrue(refused(Map.of("DOCPARSER_OWNER_SECRET", shortSecret)).getMessage()
        .contains("DOCPARSER_OWNER_SECRET (owner.secret)"));
    ConfigException fromFile = refused(Map.of("DOCPARSER_OWNER_SECRET_FILE", file.toString()));
    assertTrue(fromFile.getMessage().contains("DOCPARSER_OWNER_SECRET_FILE") && fromFile.getMessage().contains("32"),
        fromFile.getMessage());
    assertEquals(Optional.of(SECRET.substring(0, 32)),
        load(Map.of("DOCPARSER_OWNER_SECRET", SECRET.substring(0, 32))).ownerSecret().configured());
  }
}
