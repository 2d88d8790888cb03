package io.docparser.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("A JDBC URL as it is shown")
class JdbcUrlsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "jdbc:postgresql://db.example:5432/docparser | jdbc:postgresql://db.example:5432/docparser",
      "jdbc:postgresql://alice:s3cret@db.example:5432/docparser | jdbc:postgresql://***@db.example:5432/docparser",
      "jdbc:postgresql://alice@db.example/docparser | jdbc:postgresql://***@db.example/docparser",
      "jdbc:postgresql://db.example/docparser?user=alice&password=s3cret"
          + " | jdbc:postgresql://db.example/docparser?user=***&password=***",
      "jdbc:postgresql://alice:s3cret@db.example/docparser?password=q-secret&ssl"
          + " | jdbc:postgresql://***@db.example/docparser?password=***&***",
      "jdbc:postgresql://alice:p@ss?w;rd@db.example/docparser | jdbc:postgresql://***@db.example/docparser",
      "jdbc:postgresql://alice:pa/ss@db.example?password=x | jdbc:postgresql://***@db.example?password=***",
      "jdbc:postgresql://db.example:5432/docparser?user=admin@server&password=x"
          + " | jdbc:postgresql://db.example:5432/docparser?user=***&password=***",
      "jdbc:h2:file:/var/lib/docparser/data/docparser;DB_CLOSE_ON_EXIT=FALSE;PASSWORD=s3cret"
          + " | jdbc:h2:file:/var/lib/docparser/data/docparser;DB_CLOSE_ON_EXIT=***;PASSWORD=***",
      "jdbc:h2:tcp://alice:s3cret@localhost:9092/~/docparser;CIPHER=AES"
          + " | jdbc:h2:tcp://***@localhost:9092/~/docparser;CIPHER=***",
  })
  @DisplayName("keeps scheme, host, port and path, and masks user-info and parameter values")
  void redacts(String url, String shown) {
    assertEquals(shown, JdbcUrls.redact(url));
  }

  @Test
  @DisplayName("in a driver's message, the URL is redacted and its credentials are masked where they stand alone")
  void redactsInMessages() {
    String url = "jdbc:postgresql://alice:s3cret@db.example/docparser?password=q-secret";
    String message = "Driver org.postgresql.Driver claims to not accept jdbcUrl, " + url
        + "; user-info alice:s3cret; parameters ?password=q-secret";
    String shown = JdbcUrls.redactIn(message, url);
    assertFalse(shown.contains("s3cret"), shown);
    assertFalse(shown.contains("q-secret"), shown);
    assertTrue(shown.contains("jdbcUrl, jdbc:postgresql://***@db.example/docparser?password=***"), shown);
  }

  @Test
  @DisplayName("in a driver's message, one parameter echoed on its own has its value masked")
  void redactsOneParameterInMessages() {
    String url = "jdbc:postgresql://db.example/docparser?ssl=true&sslpassword=key-secret";
    String shown = JdbcUrls.redactIn("Could not read the SSL key: sslpassword=key-secret is wrong (ssl=true)", url);
    assertEquals("Could not read the SSL key: sslpassword=*** is wrong (ssl=***)", shown);
  }

  @Test
  @DisplayName("the database settings and their target print the URL redacted, and never the password")
  void settingsPrintRedacted() {
    DatabaseSettings settings = new DatabaseSettings(
        Optional.of("jdbc:postgresql://alice:s3cret@db.example/docparser?password=q-secret"), "bob", "p4ss",
        Path.of("/var/lib/docparser"));
    for (String printed : new String[] {settings.toString(), settings.clusteredTarget().orElseThrow().toString()}) {
      assertFalse(printed.contains("s3cret"), printed);
      assertFalse(printed.contains("q-secret"), printed);
      assertFalse(printed.contains("p4ss"), printed);
      assertTrue(printed.contains("jdbc:postgresql://***@db.example/docparser?password=***"), printed);
    }
  }
}
