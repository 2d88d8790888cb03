package io.docparser.support;

import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How closely the suite watches event loops: production warns after 2 s, the suite after 1.5 s (class loading as a node starts holds an event loop for a second when several JVMs start at once on two cores), so that
 * work that belongs on a worker thread shows up and {@link CleanLogs} fails on it; the warning then carries the
 * blocked thread's stack, which says where. One file says how
 * (src/test/resources/vertx-test-options.json); the build hands it to vertx-junit5 as its Vert.x options, and this
 * class to {@link DeployedNode} and to every node started from the jar ({@link ServiceProcess}).
 */
public final class TestVertxOptions {

  private static final String FILE_PROPERTY = "vertx.parameter.filename";
  private static final Path DEFAULT_FILE = Path.of("src", "test", "resources", "vertx-test-options.json");

  private TestVertxOptions() {
  }

  public static VertxOptions load() {
    Path file = Path.of(System.getProperty(FILE_PROPERTY, DEFAULT_FILE.toString()));
    try {
      return new VertxOptions(new JsonObject(Files.readString(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("the suite's Vert.x options " + file + " cannot be read", e);
    }
  }

  /** The same watch for a node started from the jar, as the launcher's {@code vertx.options.} system properties. */
  static List<String> asJvmOptions() {
    VertxOptions options = load();
    long maxEventLoopMs = options.getMaxEventLoopExecuteTimeUnit().toMillis(options.getMaxEventLoopExecuteTime());
    long checkIntervalMs = options.getBlockedThreadCheckIntervalUnit().toMillis(options.getBlockedThreadCheckInterval());
    long stackAfterMs = options.getWarningExceptionTimeUnit().toMillis(options.getWarningExceptionTime());
    return List.of(
        "-Dvertx.options.maxEventLoopExecuteTime=" + maxEventLoopMs,
        "-Dvertx.options.maxEventLoopExecuteTimeUnit=" + TimeUnit.MILLISECONDS.name(),
        "-Dvertx.options.blockedThreadCheckInterval=" + checkIntervalMs,
        "-Dvertx.options.blockedThreadCheckIntervalUnit=" + TimeUnit.MILLISECONDS.name(),
        "-Dvertx.options.warningExceptionTime=" + stackAfterMs,
        "-Dvertx.options.warningExceptionTimeUnit=" + TimeUnit.MILLISECONDS.name());
  }
}
