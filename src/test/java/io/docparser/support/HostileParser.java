package io.docparser.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.tika.parser.Parser;

/**
 * The misbehaving Tika parser of src/test/hostile-parser, built into a class-path directory that the parser child
 * processes load through DOCPARSER_PARSER_CLASSPATH, and the documents it misbehaves on. It is kept off the test
 * class path, so that no parse in a test JVM reaches it unless the test deploys a node through {@link #classLoader()}.
 */
public final class HostileParser {

  private static final Path SOURCES = Path.of("src", "test", "hostile-parser");
  /**
   * One directory per test JVM: the suite runs test classes in two JVMs at once, and a JVM that rebuilt the parser
   * where the other's nodes load it from would pull the classes from under their parser children.
   */
  private static final Path BUILT = Path.of("target", "hostile-parser-" + ProcessHandle.current().pid());

  private HostileParser() {
  }

  private static boolean built;
  private static ClassLoader loader;

  /** Compiles the parser (once per test JVM, from its current sources) and returns the class-path entry. */
  public static synchronized String classPath() {
    try {
      if (!built) {
        deleteTree(BUILT);
        build();
        built = true;
      }
      return BUILT.toAbsolutePath().toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A class loader that sees the test parser beside the test class path: a node deployed with it as its verticles'
   * class loader parses with the test parser in this JVM (isolation none), since Tika finds its parsers through the
   * class loader of the thread that configures it.
   */
  public static synchronized ClassLoader classLoader() {
    if (loader == null) {
      try {
        loader = new URLClassLoader(new URL[] {Path.of(classPath()).toUri().toURL()},
            HostileParser.class.getClassLoader());
      } catch (MalformedURLException e) {
        throw new IllegalStateException(e);
      }
    }
    return loader;
  }

  /** A parse that lasts until the test releases it; {@code directory} (empty, and its own) holds its signals. */
  public static Hold hold(Path directory) {
    return new Hold(directory);
  }

  public static byte[] hanging() {
    return document("hang");
  }

  public static byte[] allocating() {
    return document("allocate");
  }

  public static byte[] exiting() {
    return document("exit");
  }

  /** A document whose parse takes a minute, and writes its parser process's id to the file first. */
  public static byte[] slow(Path pidFile) {
    return document("slow " + pidFile.toAbsolutePath());
  }

  /** A document whose parse takes this long, and writes its parser process's id to the file first. */
  public static byte[] slow(Path pidFile, Duration duration) {
    return document("slow " + pidFile.toAbsolutePath() + " " + duration.toMillis());
  }

  /**
   * A document whose parse writes its parser process's id to {@code pidFile}, then lasts until {@code releaseFile}
   * exists: every parse of it, first or retried, until the test releases it, and none after.
   */
  public static byte[] held(Path pidFile, Path releaseFile) {
    return document("wait " + pidFile.toAbsolutePath() + " " + releaseFile.toAbsolutePath());
  }

  /** Lets every parse of a {@link #held} document end. */
  public static void release(Path releaseFile) {
    try {
      Files.writeString(releaseFile, "released");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A document whose parse writes its parser process's id to the file, and ends at once. */
  public static byte[] reportingPid(Path pidFile) {
    return document("pid " + pidFile.toAbsolutePath());
  }

  /** The process id a slow document's parse wrote, once it has started. */
  public static long awaitPid(Path pidFile) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(pidFile) && !Files.readString(pidFile).isBlank()) {
        return Long.parseLong(Files.readString(pidFile).strip());
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the slow parse never started");
  }

  /**
   * A document whose parse starts when a parser slot takes it and ends only when the test releases it, so that a
   * test can act while a parse is surely running, and know when it is over.
   */
  public static final class Hold {

    private final Path directory;

    private Hold(Path directory) {
      this.directory = directory.toAbsolutePath();
    }

    public byte[] document() {
      return HostileParser.document("hold " + directory);
    }

    public boolean hasStarted() {
      return Files.exists(directory.resolve("started"));
    }

    /** Waits until a parser is holding the document. */
    public Hold awaitStarted() {
      Await.until(this::hasStarted, "the held document's parse to start (" + directory + ")");
      return this;
    }

    /** Lets the parse end, with the text "held document". */
    public void release() {
      try {
        Files.writeString(directory.resolve("released"), "");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static byte[] document(String command) {
    return ("DOCPARSER-HOSTILE " + command + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static void build() throws IOException {
    Path staging = Path.of("target", "hostile-parser-staging-" + ProcessHandle.current().pid());
    deleteTree(staging);
    Files.createDirectories(staging);
    List<Path> sources;
    try (Stream<Path> files = Files.walk(SOURCES)) {
      sources = files.filter(Files::isRegularFile).toList();
    }
    for (Path file : sources) {
      if (!file.toString().endsWith(".java")) {
        Path target = staging.resolve(SOURCES.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Stream<String> arguments = Stream.concat(
        Stream.of("-d", staging.toString(), "-cp", jarOf(Parser.class), "-proc:none", "-nowarn"),
        sources.stream().map(Path::toString).filter(name -> name.endsWith(".java")));
    if (javac.run(null, null, null, arguments.toArray(String[]::new)) != 0) {
      throw new IllegalStateException("the hostile test parser does not compile");
    }
    Files.move(staging, BUILT);
  }

  private static void deleteTree(Path root) throws IOException {
    if (Files.exists(root)) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }

  private static String jarOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
