package io.docparser.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a node persists job state, documents and results.
 *
 * @param url      JDBC URL of a shared database (PostgreSQL for clusters); empty when none is configured
 * @param user     user of that database; empty for the driver's default
 * @param password password of that database; empty for none. Never printed: {@link #toString()} leaves it out, and
 *                 shows the URL redacted (see {@link JdbcUrls})
 * @param dataDir  where a standalone node without a configured database keeps its embedded H2 file database
 */
public record DatabaseSettings(Optional<String> url, String user, String password, Path dataDir) {

  private static final String EMBEDDED_FILE = "docparser";
  /**
   * H2 writes committed changes to its file in the background, up to half a second later by default; a node killed
   * in between would lose jobs it had accepted. WRITE_DELAY=0 writes every commit before it returns.
   */
  private static final String EMBEDDED_OPTIONS = ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";

  /** The database a standalone node uses: the configured one, else an embedded H2 file under the data dir. */
  public JdbcTarget standaloneTarget() {
    return url.map(u -> new JdbcTarget(u, user, password)).orElseGet(() -> new JdbcTarget(
        "jdbc:h2:file:" + dataDir.resolve(EMBEDDED_FILE).toAbsolutePath() + EMBEDDED_OPTIONS, "sa", ""));
  }

  /** The database a clustered node uses: only a configured one, as an embedded file cannot be shared. */
  public Optional<JdbcTarget> clusteredTarget() {
    return url.map(u -> new JdbcTarget(u, user, password));
  }

  @Override
  public String toString() {
    return "DatabaseSettings[url=" + url.map(JdbcUrls::redact).orElse("") + ", user=" + user + ", dataDir=" + dataDir
        + "]";
  }

  /** One database to connect to; its password is never printed, its URL only redacted. */
  public record JdbcTarget(String url, String user, String password) {

    @Override
    public String toString() {
      return "JdbcTarget[url=" + JdbcUrls.redact(url) + ", user=" + user + "]";
    }
  }
}
