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
 * The browser tests' Node.js scripts (src/test/browser), installed with {@code npm ci} from their lock file into
 * target/browser-test, where node finds their dependencies, and run there with {@code node}.
 */
public final class BrowserScript {

  /** npm may have to fetch playwright-core into an empty cache. */
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

  private final Path dir;

  private BrowserScript(Path dir) {
    this.dir = dir;
  }

  /** Copies the scripts and their package files under target/ and installs their dependencies there. */
  public static BrowserScript install() {
    Path source = Path.of(System.getProperty("docparser.projectDir", ".")).resolve("src/test/browser");
    Path dir = Path.of("target", "browser-test").toAbsolutePath();
    try (Stream<Path> files = Files.list(source)) {
      Files.createDirectories(dir);
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    BrowserScript installed = new BrowserScript(dir);
    Outcome npm = installed.execute(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), INSTALL_TIMEOUT);
    if (npm.exitCode() != 0) {
      throw new AssertionError("npm ci in " + dir + " exited with " + npm.exitCode() + ":\n" + npm.output());
    }
    return installed;
  }

  /** Runs {@code node script args...}; the test reads what it printed. */
  public Outcome run(String script, Map<String, String> environment, Duration timeout, String... args) {
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(List.of(args));
    return execute(command, environment, timeout);
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
