package io.docparser.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;

/**
 * One JVM started from the built jar, as an operator starts it: {@code java -jar doc-parser-service.jar ...}, in a
 * working directory of its own (so the configuration bundled in the jar is what it reads), with its output in a
 * log file under target/it-logs.
 */
public final class ServiceProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  /** The heap a node gets unless a test asks for other JVM options. */
  private static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx512m");
  /** The nodes started since {@link #launchedSinceLastCall()} was last called, for {@link CleanLogs}. */
  private static final List<ServiceProcess> LAUNCHED = new CopyOnWriteArrayList<>();
  private static final AtomicInteger STARTS = new AtomicInteger();

  private final String name;
  private final Process process;
  private final Path log;
  private final int httpPort;
  private final Map<String, String> environment;
  private final Path workingDir;
  private final List<String> jvmOptions;
  private final String[] args;

  private ServiceProcess(String name, Process process, Path log, int httpPort, Map<String, String> environment,
      Path workingDir, List<String> jvmOptions, String[] args) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.httpPort = httpPort;
    this.environment = environment;
    this.workingDir = workingDir;
    this.jvmOptions = jvmOptions;
    this.args = args;
  }

  /**
   * @param environment DOCPARSER_... settings; a free DOCPARSER_HTTP_PORT is chosen when absent (a test that sets
   *                    it itself expects the node not to start)
   * @param args        the command line after the jar
   */
  public static ServiceProcess start(String name, Map<String, String> environment, Path workingDir, String... args) {
    return startWithJvmOptions(name, DEFAULT_JVM_OPTIONS, environment, workingDir, args);
  }

  /**
   * Like {@link #start}, with these JVM options (such as {@code -Xmx768m}) in place of the default heap of 512 MiB.
   */
  public static ServiceProcess startWithJvmOptions(String name, List<String> jvmOptions,
      Map<String, String> environment, Path workingDir, String... args) {
    if (environment.containsKey("DOCPARSER_HTTP_PORT")) {
      return launch(name, environment, -1, workingDir, jvmOptions, args);
    }
    int port = Ports.free();
    Map<String, String> withPort = new HashMap<>(environment);
    withPort.put("DOCPARSER_HTTP_PORT", String.valueOf(port));
    return launch(name, withPort, port, workingDir, jvmOptions, args);
  }

  /** A node with no setting at all, as the README's run command starts it: HTTP on the default port. */
  public static ServiceProcess startWithDefaults(String name, int defaultPort, Path workingDir) {
    return launch(name, Map.of(), defaultPort, workingDir, DEFAULT_JVM_OPTIONS);
  }

  private static ServiceProcess launch(String name, Map<String, String> environment, int port, Path workingDir,
      List<String> jvmOptions, String... args) {
    Path jar = Path.of(System.getProperty("docparser.jar", "target/doc-parser-service.jar")).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("the service jar " + jar + " is missing; integration tests run after package");
    }
    List<String> command = new ArrayList<>(List.of(javaExecutable()));
    command.addAll(TestVertxOptions.asJvmOptions());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString()));
    command.addAll(List.of(args));
    Path log = logFile(name);
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workingDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("DOCPARSER_"));
    builder.environment().putAll(environment);
    try {
      ServiceProcess started = new ServiceProcess(name, builder.start(), log, port, Map.copyOf(environment),
          workingDir, List.copyOf(jvmOptions), args.clone());
      LAUNCHED.add(started);
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The same node started again, with the same settings and arguments, after it ended. */
  public ServiceProcess restart() {
    return launch(name + "-again", environment, httpPort, workingDir, jvmOptions, args);
  }

  public int httpPort() {
    return httpPort;
  }

  /** The JVM's process id. */
  public long pid() {
    return process.pid();
  }

  public ApiClient api() {
    return new ApiClient(httpPort);
  }

  /** Waits until /health/ready answers 200; fails early, with the log, if the process ends first. */
  public ServiceProcess awaitReady() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health/ready"))
        .timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + " before it was ready:\n" + log());
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return this;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      pause(250);
    }
    throw new AssertionError(name + " was not ready within " + START_TIMEOUT + ":\n" + log());
  }

  /** Waits until the log holds {@code text}. */
  public void awaitLog(String text) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (log().contains(text)) {
        return;
      }
      pause(250);
    }
    throw new AssertionError(name + " never logged '" + text + "':\n" + log());
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The exit status, once the process has ended by itself. */
  public int awaitExit() {
    try {
      if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw new AssertionError(name + " is still running:\n" + log());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Vert.x's warnings about a blocked event-loop thread in this JVM's log. */
  public List<String> blockedEventLoops() {
    return log().lines().filter(line -> LogFindings.BLOCKED_EVENT_LOOP.matcher(line).find()).toList();
  }

  /** The lines of this JVM's log that report a blocked event loop or an unhandled exception. */
  public List<String> logFindings() {
    return LogFindings.in(log());
  }

  public String name() {
    return name;
  }

  /** The nodes started since the last call, which forgets them. */
  static List<ServiceProcess> launchedSinceLastCall() {
    List<ServiceProcess> launched = List.copyOf(LAUNCHED);
    LAUNCHED.removeAll(launched);
    return launched;
  }

  /** Kills the JVM at once, as a crash or {@code kill -9} would: no shutdown hook runs. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Sends SIGTERM, as an operator stopping the service would, and answers the exit status once it has ended. */
  public int terminate() {
    process.destroy();
    return awaitExit();
  }

  /** Stops the JVM as an operator would (SIGTERM), and kills it if it does not end in time. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A file of its own for each start: test classes may run side by side in several JVMs and reuse node names, and
   * a restarted node's first log is evidence too.
   */
  private static Path logFile(String name) {
    try {
      Path dir = Files.createDirectories(Path.of("target", "it-logs"));
      return dir.resolve(name + "-" + ProcessHandle.current().pid() + "-" + STARTS.incrementAndGet() + ".log");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
