package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.docparser.config.DatabaseSettings.JdbcTarget;
import io.docparser.support.ApiClient;
import io.docparser.support.DeployedNode;
import io.docparser.support.TestDocuments;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * DESIGN: a document's password is held in memory until its parse ends and is written nowhere. After encrypted
 * documents have been parsed, with the right password and with a wrong one, by each route a password can take, the
 * password is searched for in everything the node wrote: its log (its own, Tika's and the parser children's, at
 * their most talkative), every row of its database, and every entry of every Hazelcast map.
 */
@DisplayName("A document's password, once the parse is over")
class PasswordSecrecyTest {

  /** Distinctive, with a space and letters beyond ASCII, as the routes must carry them unchanged. */
  private static final String PASSWORD = "Kürbis laterne 7!qz";
  private static final String WRONG_PASSWORD = "Rübe falsch 3?xv";
  private static final Duration PARSES_OVER = Duration.ofSeconds(30);
  private static final List<String> LOGGERS = List.of("io.docparser", "org.apache.tika", "io.vertx");

  @RegisterExtension
  static final DeployedNode CHILD_PROCESSES = DeployedNode.with(Map.of("DOCPARSER_ISOLATION", "process",
      "DOCPARSER_NODE_ID", "secrecy-process"));
  @RegisterExtension
  static final DeployedNode IN_PROCESS = DeployedNode.with(Map.of("DOCPARSER_ISOLATION", "none",
      "DOCPARSER_NODE_ID", "secrecy-none"));

  private static final LogCapture LOG = new LogCapture();
  private static final Map<String, Level> LEVELS_BEFORE = new HashMap<>();

  @BeforeAll
  static void captureEveryLogLineAtItsMostTalkative() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    LOG.setContext(context);
    LOG.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(LOG);
    for (String name : LOGGERS) {
      Logger logger = context.getLogger(name);
      LEVELS_BEFORE.put(name, logger.getLevel());
      logger.setLevel(Level.TRACE);
    }
  }

  @AfterAll
  static void restoreLogging() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    LEVELS_BEFORE.forEach((name, level) -> context.getLogger(name).setLevel(level));
    context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(LOG);
  }

  static Stream<Arguments> isolations() {
    return Stream.of(Arguments.of("process", CHILD_PROCESSES), Arguments.of("none", IN_PROCESS));
  }

  @ParameterizedTest(name = "isolation {0}")
  @MethodSource("isolations")
  @DisplayName("is found nowhere: not in the log, not in a database row, not in a Hazelcast map")
  void passwordIsWrittenNowhere(String isolation, DeployedNode node) throws Exception {
    ApiClient api = node.api();
    List<String> jobs = new ArrayList<>();
    byte[] pdf = TestDocuments.encryptedPdf(List.of("a page only the password opens"), PASSWORD);
    jobs.add(ApiClient.acceptedId(api.submitBase64(pdf, Map.of("filename", "sealed.pdf", "password", PASSWORD))));
    jobs.add(ApiClient.acceptedId(api.submitMultipart(TestDocuments.encryptedDocx(PASSWORD), "sealed.docx",
        Map.of("password", PASSWORD))));
    jobs.add(ApiClient.acceptedId(api.submitRaw(TestDocuments.encryptedXls(PASSWORD), "?filename=sealed.xls",
        Map.of("X-Document-Password", percentEncoded(PASSWORD)))));
    String wrong = ApiClient.acceptedId(api.submitBase64(pdf, Map.of("filename", "sealed.pdf",
        "password", WRONG_PASSWORD)));

    for (String job : jobs) {
      assertEquals("completed", api.awaitTerminal(job).getString("status"), "job " + job);
    }
    JsonObject refused = api.awaitTerminal(wrong);
    assertEquals("ENCRYPTED_DOCUMENT", refused.getString("error_code"), refused.encode());
    assertTrue(LOG.lines().stream().anyMatch(line -> line.contains(wrong)),
        "the node logged nothing about the job with the wrong password, so the log search below would prove little");

    for (String secret : List.of(PASSWORD, WRONG_PASSWORD)) {
      awaitGoneFromHazelcastMaps(secret);
      assertAbsent(secret, "the log", LOG.lines());
      assertAbsent(secret, "the database", databaseValues(node.config().database().standaloneTarget()));
    }
  }

  private static void awaitGoneFromHazelcastMaps(String secret) throws InterruptedException {
    long deadline = System.nanoTime() + PARSES_OVER.toNanos();
    List<String> found = holding(secret, hazelcastValues());
    while (!found.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      found = holding(secret, hazelcastValues());
    }
    if (!found.isEmpty()) {
      fail("a Hazelcast map still holds the password " + PARSES_OVER + " after the parses ended: " + found);
    }
  }

  private static void assertAbsent(String secret, String where, List<String> values) {
    List<String> found = holding(secret, values);
    if (!found.isEmpty()) {
      fail("the password was found in " + where + ": " + found);
    }
  }

  /** The values that hold the secret as it was given or as the header carries it. */
  private static List<String> holding(String secret, List<String> values) {
    String encoded = percentEncoded(secret);
    return values.stream().filter(value -> value.contains(secret) || value.contains(encoded)).toList();
  }

  private static List<String> hazelcastValues() {
    List<String> values = new ArrayList<>();
    for (HazelcastInstance member : Hazelcast.getAllHazelcastInstances()) {
      for (DistributedObject object : member.getDistributedObjects()) {
        if (object instanceof IMap<?, ?> map) {
          map.forEach((key, value) -> values.add(object.getName() + " " + key + " = " + readable(value)));
        }
      }
    }
    return values;
  }

  private static List<String> databaseValues(JdbcTarget target) throws Exception {
    List<String> values = new ArrayList<>();
    // The node opens its file through the private file system's scheme (persistence.PrivateFiles); by the same
    // name this connection joins the database the node holds open in this JVM, rather than finding it locked.
    String url = target.url().replace("jdbc:h2:file:", "jdbc:h2:docparser-private:file:");
    try (Connection connection = DriverManager.getConnection(url, target.user(), target.password());
        Statement statement = connection.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet names = statement.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES "
          + "WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'")) {
        while (names.next()) {
          tables.add(names.getString(1));
        }
      }
      assertTrue(tables.size() >= 3, "the node's database has tables " + tables);
      for (String table : tables) {
        try (ResultSet rows = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
          int columns = rows.getMetaData().getColumnCount();
          while (rows.next()) {
            for (int column = 1; column <= columns; column++) {
              values.add(table + " " + readable(rows, column));
            }
          }
        }
      }
    }
    return values;
  }

  private static String readable(ResultSet rows, int column) throws SQLException {
    return switch (rows.getMetaData().getColumnType(column)) {
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> readable(rows.getBytes(column));
      default -> String.valueOf(rows.getObject(column));
    };
  }

  private static String readable(Object value) {
    return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
  }

  /** The header's form: percent-encoded UTF-8, a space as %20 (openapi.yaml, X-Document-Password). */
  private static String percentEncoded(String text) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
        encoded.append(c);
      } else {
        encoded.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return encoded.toString();
  }

  /** Every event the test JVM logs, as text: message, arguments, key-values, MDC and the exceptions' messages. */
  private static final class LogCapture extends AppenderBase<ILoggingEvent> {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
      StringBuilder line = new StringBuilder(event.getFormattedMessage() == null ? "" : event.getFormattedMessage());
      line.append(' ').append(event.getMDCPropertyMap());
      if (event.getKeyValuePairs() != null) {
        line.append(' ').append(event.getKeyValuePairs());
      }
      for (IThrowableProxy failure = event.getThrowableProxy(); failure != null; failure = failure.getCause()) {
        line.append(' ').append(failure.getClassName()).append(": ").append(failure.getMessage());
      }
      lines.add(line.toString());
    }

    List<String> lines() {
      return List.copyOf(lines);
    }
  }
}
