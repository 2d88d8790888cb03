package io.docparser.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** One service JVM started from the built jar, as an operator starts it, with its log in a file. */
final class ServiceUnderTest implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final Process process;
  private final int port;
  private final String name;

  private ServiceUnderTest(Process process, int port, String name) {
    this.process = process;
    this.port = port;
    this.name = name;
  }

  /**
   * @param settings  DOCPARSER_... settings besides the port, which is chosen here
   * @param clustered whether to start with {@code -cluster}
   * @param profile   where the JVM writes a Java Flight Recording when it exits; null for none
   */
  static ServiceUnderTest start(Path jar, Path workDir, String name, Map<String, String> settings, boolean clustered,
      Path profile) throws IOException {
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    if (profile != null) {
      Files.createDirectories(profile);
      command.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
          + profile.resolve(name + ".jfr"));
    }
    command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
    if (clustered) {
      command.add("-cluster");
    }
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(workDir.resolve(name + ".log").toFile());
    builder.environment().putAll(settings);
    builder.environment().put("DOCPARSER_HTTP_PORT", Integer.toString(port));
    builder.environment().put("DOCPARSER_NODE_ID", name);
    // every client of a run is this one address, which the open-loop run may give a thousand connections at once
    builder.environment().putIfAbsent("DOCPARSER_MAX_CONNECTIONS_PER_IP", "10000");
    // each node's embedded database starts empty: a run must not load the jobs an earlier run left
    Path dataDir = workDir.resolve(name + "-data");
    deleteRecursively(dataDir);
    builder.environment().putIfAbsent("DOCPARSER_DATA_DIR", dataDir.toString());
    return new ServiceUnderTest(builder.start(), port, name);
  }

  ServiceUnderTest awaitReady(HttpClient http) throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with status " + process.exitValue() + "; see its log");
      }
      try {
        HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create(base() + "/health/ready")).build(),
            HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return this;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(name + " was not ready within " + START_TIMEOUT);
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  /** Heap in use right after a full GC, in MB, as jcmd and jstat report it. */
  long heapAfterGcMb() throws IOException, InterruptedException {
    String pid = Long.toString(process.pid());
    run(List.of(tool("jcmd"), pid, "GC.run"));
    String[] lines = run(List.of(tool("jstat"), "-gc", pid)).strip().split("\n");
    String[] names = lines[0].trim().split("\\s+");
    String[] values = lines[1].trim().split("\\s+");
    double usedKb = 0;
    for (int i = 0; i < names.length; i++) {
      if (List.of("S0U", "S1U", "EU", "OU").contains(names[i])) {
        usedKb += Double.parseDouble(values[i]);
      }
    }
    return Math.round(usedKb / 1024);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private static String tool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process tool = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(tool.getInputStream().readAllBytes());
    tool.waitFor();
    return output;
  }

  /** A free port below Linux's ephemeral range, where a cluster's randomly bound event bus cannot take it first. */
  private static int freePort() throws IOException {
    for (int tries = 0; tries < 100; tries++) {
      int candidate = ThreadLocalRandom.current().nextInt(20_000, 32_000);
      try (ServerSocket socket = new ServerSocket(candidate)) {
        return socket.getLocalPort();
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no free port between 20000 and 32000");
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
