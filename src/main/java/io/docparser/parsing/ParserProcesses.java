package io.docparser.parsing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import io.docparser.config.ChildJvmSettings;
import org.apache.tika.pipes.PipesConfigBase;
import org.apache.tika.utils.ProcessUtils;

/**
 * The child JVMs of one node, as Tika's pipes run them ({@code org.apache.tika.pipes.PipesServer}, one per parser
 * slot): how they are started, and the directory through which they receive documents. Each slot gets its own
 * {@link ChildProcessParser}; this holds what they share and removes it when the node stops.
 */
public final class ParserProcesses implements AutoCloseable {

  /** A child that does not answer within this long after it is started is started again. */
  private static final long STARTUP_TIMEOUT_MS = 120_000;
  private static final long RETRY_STARTUP_AFTER_MS = 1_000;
  /** JSON lines like the node's own, marked as the child's; its standard error is the node's. */
  private static final String CHILD_LOGGING = """
      <configuration>
        <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
          <target>System.err</target>
          <encoder class="net.logstash.logback.encoder.LogstashEncoder">
            <customFields>{"process":"parser-child"}</customFields>
            <fieldNames><timestamp>time</timestamp><version>[ignore]</version><levelValue>[ignore]</levelValue></fieldNames>
          </encoder>
        </appender>
        <root level="WARN"><appender-ref ref="STDERR"/></root>
      </configuration>
      """;

  private final Path directory;
  private final Path documents;
  private final PipesConfigBase pipes;
  private final int documentsPerChild;
  private final int maxChars;

  private ParserProcesses(Path directory, PipesConfigBase pipes, int documentsPerChild, int maxChars) {
    this.directory = directory;
    this.documents = directory.resolve("documents");
    this.pipes = pipes;
    this.documentsPerChild = documentsPerChild;
    this.maxChars = maxChars;
  }

  /**
   * Prepares the children's configuration; starts no process (a slot starts its child with its first parse).
   *
   * @param settings       how the children run
   * @param parseTimeoutMs how long one parse may take before its child is stopped
   * @param maxChars       content one document may produce before it is cut
   */
  public static ParserProcesses prepare(ChildJvmSettings settings, long parseTimeoutMs, int maxChars) {
    loadNow(ProcessUtils.class);
    try {
      Path directory = Files.createTempDirectory("docparser-parsers-");
      Path documents = Files.createDirectory(directory.resolve("documents"));
      Path tikaConfig = Files.writeString(directory.resolve("tika-config.xml"), TikaConfigs.xml(documents));
      Path logging = Files.writeString(directory.resolve("logback.xml"), CHILD_LOGGING);
      PipesConfigBase pipes = new PipesConfigBase();
      pipes.setTikaConfig(tikaConfig);
      pipes.setJavaPath(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      pipes.setForkedJvmArgs(jvmArguments(settings, logging));
      pipes.setTimeoutMillis(parseTimeoutMs);
      // PipesClient 3.3.1 never counts the files it processed, so its own recycling never happens: the slots count
      pipes.setMaxFilesProcessedPerProcess(0);
      pipes.setStartupTimeoutMillis(STARTUP_TIMEOUT_MS);
      pipes.setSleepOnStartupTimeoutMillis(RETRY_STARTUP_AFTER_MS);
      // the results come back to this JVM, whatever their size: no emitter in the child writes them anywhere
      pipes.setMaxForEmitBatchBytes(-1);
      return new ParserProcesses(directory, pipes, settings.maxDocuments(), maxChars);
    } catch (IOException e) {
      throw new UncheckedIOException("the parser processes' files could not be written", e);
    }
  }

  private static List<String> jvmArguments(ChildJvmSettings settings, Path logging) {
    String classPath = System.getProperty("java.class.path")
        + (settings.extraClassPath().isEmpty() ? "" : File.pathSeparator + settings.extraClassPath());
    // C1 only: Tika is so much code that C2 compiles on a CPU of its own for thousands of documents, and a child is
    // recycled before it would pay that back (bench/: more documents per second from the first pass on)
    return new ArrayList<>(List.of("-cp", classPath, "-Xmx" + settings.heapMb() + "m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8", "-Dlogback.configurationFile=" + logging.toAbsolutePath()));
  }

  /**
   * Tika's process helper adds a JVM shutdown hook when its class is first loaded, which a JVM that is already
   * stopping refuses: loaded lazily, by the first child started during a graceful stop, it would fail the parse that
   * the stop is waiting for.
   */
  private static void loadNow(Class<?> type) {
    try {
      Class.forName(type.getName(), true, type.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(type.getName() + " is on the class path, since this class refers to it", e);
    }
  }

  /**
   * A parser for one slot, with a child of its own.
   *
   * @param restarts told why, each time the slot's child is replaced
   */
  public ChildProcessParser newSlot(Consumer<String> restarts) {
    return new ChildProcessParser(pipes, documents, documentsPerChild, maxChars, restarts);
  }

  /** Removes the children's files; the slots close their own children. */
  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
