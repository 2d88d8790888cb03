package io.docparser.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Database settings")
class DatabaseSettingsTest {

  private static final String SECRET = "s3cret-db-password";

  @TempDir
  Path dir;

  private static DatabaseSettings load(Map<String, String> env) {
    return new ConfigLoader(env, Map.of()).load(null).database();
  }

  @Test
  @DisplayName("without a URL a standalone node uses an H2 file under the data dir, which defaults to ./data")
  void embeddedByDefault() {
    DatabaseSettings settings = load(Map.of());
    assertTrue(settings.url().isEmpty());
    assertEquals(Path.of("data").toAbsolutePath(), settings.dataDir());
    assertTrue(settings.standaloneTarget().url().startsWith("jdbc:h2:file:" + Path.of("data").toAbsolutePath()));
    assertTrue(settings.clusteredTarget().isEmpty());
  }

  @Test
  @DisplayName("the password is read from DOCPARSER_DB_PASSWORD_FILE, and never printed")
  void passwordFromFile() throws Exception {
    Path file = Files.writeString(dir.resolve("pw"), SECRET + "\n");
    DatabaseSettings settings = load(Map.of("DOCPARSER_DB_URL", "jdbc:postgresql://127.0.0.1:5432/x",
        "DOCPARSER_DB_PASSWORD_FILE", file.toString()));
    assertEquals(SECRET, settings.password());
    assertFalse(settings.toString().contains(SECRET));
    assertFalse(settings.clusteredTarget().orElseThrow().toString().contains(SECRET));
  }

  @Test
  @DisplayName("a password given twice stops start-up without printing it")
  void passwordTwice() throws Exception {
    Path file = Files.writeString(dir.resolve("pw"), SECRET);
    ConfigException error = assertThrows(ConfigException.class, () -> load(Map.of(
        "DOCPARSER_DB_PASSWORD", SECRET, "DOCPARSER_DB_PASSWORD_FILE", file.toString())));
    assertTrue(error.getMessage().contains("DOCPARSER_DB_PASSWORD"), error.getMessage());
    assertFalse(error.getMessage().contains(SECRET), error.getMessage());
  }

  @Test
  @DisplayName("a URL that is not PostgreSQL or H2 stops start-up naming DOCPARSER_DB_URL")
  void badUrl() {
    ConfigException error = assertThrows(ConfigException.class,
        () -> load(Map.of("DOCPARSER_DB_URL", "mysql://localhost/x")));
    assertTrue(error.getMessage().startsWith("DOCPARSER_DB_URL"), error.getMessage());
  }

  @Test
  @DisplayName("a URL refused at start-up is named redacted: neither its user-info nor its parameters are echoed")
  void badUrlIsEchoedRedacted() {
    ConfigException error = assertThrows(ConfigException.class, () -> load(Map.of("DOCPARSER_DB_URL",
        "jdbc:mysql://alice:userinfo-secret@db.example/x?password=query-secret")));
    assertFalse(error.getMessage().contains("userinfo-secret"), error.getMessage());
    assertFalse(error.getMessage().contains("query-secret"), error.getMessage());
    assertTrue(error.getMessage().contains("'jdbc:mysql://***@db.example/x?password=***'"), error.getMessage());
  }

  @Test
  @DisplayName("a URL with a user or password before the host is refused, naming the settings to use instead")
  void userInfoIsRefused() {
    ConfigException error = assertThrows(ConfigException.class, () -> load(Map.of("DOCPARSER_DB_URL",
        "jdbc:postgresql://alice:userinfo-secret@db.example/x?password=query-secret")));
    assertTrue(error.getMessage().startsWith("DOCPARSER_DB_URL"), error.getMessage());
    assertTrue(error.getMessage().contains("DOCPARSER_DB_USER and DOCPARSER_DB_PASSWORD_FILE"), error.getMessage());
    assertFalse(error.getMessage().contains("userinfo-secret"), error.getMessage());
    assertFalse(error.getMessage().contains("query-secret"), error.getMessage());
  }
}
