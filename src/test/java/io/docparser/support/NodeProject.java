package io.docparser.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Node.js project of the tests (src/test/browser, src/test/typescript-client), copied under target/ and installed
 * there with {@code npm ci} from its lock file, so that node finds its dependencies; its scripts then run there, each
 * with a time limit.
 */
public final class NodeProject {

  /** npm may have to fetch the packages into an empty cache. */
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

  private final Path dir;

  private NodeProject(Path dir) {
    this.dir = dir;
  }

  /**
   * Copies the files of {@code source} (relative to the project directory) into target/{@code target} and installs
   * their dependencies there.
   */
  public static NodeProject install(String source, String target) {
    Path from = Path.of(System.getProperty("docparser.projectDir", ".")).resolve(source);
    Path dir = Path.of("target", target).toAbsolutePath();
    try (Stream<Path> files = Files.list(from)) {
      Files.createDirectories(dir);
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    NodeProject installed = new NodeProject(dir);
    Outcome npm = installed.npm(INSTALL_TIMEOUT, "ci", "--prefer-offline", "--no-audit", "--no-fund");
    if (npm.exitCode() != 0) {
      throw new AssertionError("npm ci in " + dir + " exited with " + npm.exitCode() + ":\n" + npm.output());
    }
    return installed;
  }

  /** Where the project was installed. */
  public Path dir() {
    return dir;
  }

  /** Runs {@code node script args...}; the test reads what it printed. */
  public Outcome run(String script, Map<String, String> environment, Duration timeout, String... args) {
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(List.of(args));
    return execute(command, environment, timeout);
  }

  /** Runs {@code npm args...}, for instance {@code npm run build}. */
  public Outcome npm(Duration timeout, String... args) {
    List<String> command = new ArrayList<>(List.of("npm"));
    command.addAll(List.of(args));
    return execute(command, Map.of(), timeout);
  }

  private Outcome execute(List<String> command, Map<String, String> environment, Duration timeout) {
    Path log = dir.resolve(command.get(0) + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        throw new AssertionError(String.join(" ", command) + " did not end within " + timeout + ":\n"
            + Files.readString(log, StandardCharsets.UTF_8));
      }
      return new Outcome(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** How a command ended, with everything it printed on standard output and standard error. */
  public record Outcome(int exitCode, String output) {
  }
}
