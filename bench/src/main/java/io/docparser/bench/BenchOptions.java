package io.docparser.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The harness's command line: {@code --name value} pairs, all optional.
 *
 * @param corpus       a directory of documents; null to generate them
 * @param slots        parser slots (and in-process threads)
 * @param warmup       passes before measuring, per mode, so that every JVM (and parser child) has compiled its hot
 *                     code: a service runs for long, and its steady state is what counts
 * @param passes       measured passes over the corpus, per mode
 * @param rates        offered submit rates of the open-loop run, per second
 * @param rateSeconds  how long each rate is offered
 * @param scaling      node counts of the scaling run
 * @param out          where results.json and results.md are written
 * @param jar          the service jar to start
 * @param profile      where the service JVMs write Java Flight Recordings (one per node); null for none
 * @param runs         which runs to make, of {@code process}, {@code none}, {@code open-loop} and {@code scaling};
 *                     the in-process ceiling is always measured, since every ratio is taken against it
 * @param storage      where the service keeps its state in the process and none runs: {@code embedded} (a
 *                     standalone node's default, an H2 file), {@code memory} (a one-node cluster without a database)
 *                     or {@code postgres} (the database at {@code dbUrl})
 * @param dbUrl        the PostgreSQL database of {@code --storage postgres}, used as user postgres
 * @param tinyJobs     tiny text jobs sent one at a time, per mode, for the per-job latency and CPU
 * @param serviceEnv   settings given to every node started, over the harness's own
 */
record BenchOptions(Path corpus, int slots, int warmup, int passes, List<Integer> rates, int rateSeconds, List<Integer> scaling,
    Path out, Path jar, Path profile, List<String> runs, String storage, String dbUrl, int tinyJobs,
    Map<String, String> serviceEnv) {

  static final List<String> STORAGES = List.of("embedded", "memory", "postgres");

  static final List<String> ALL_RUNS = List.of("process", "none", "open-loop", "scaling");

  private static final Path SHARED_CORPUS = Path.of("..", "shared", "corpus");

  static BenchOptions parse(String[] args) {
    Map<String, String> given = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      given.put(args[i].substring(2), args[i + 1]);
    }
    boolean smoke = Boolean.parseBoolean(given.getOrDefault("smoke", "false"));
    String corpus = given.getOrDefault("corpus",
        !smoke && Files.isDirectory(SHARED_CORPUS) ? SHARED_CORPUS.toString() : "generated");
    return new BenchOptions(
        corpus.equals("generated") ? null : Path.of(corpus),
        Integer.parseInt(given.getOrDefault("slots", "2")),
        Integer.parseInt(given.getOrDefault("warmup", smoke ? "1" : "3")),
        Integer.parseInt(given.getOrDefault("passes", smoke ? "1" : "10")),
        numbers(given.getOrDefault("rates", smoke ? "20" : "200,500,1000")),
        Integer.parseInt(given.getOrDefault("rate-seconds", smoke ? "2" : "30")),
        numbers(given.getOrDefault("scaling", smoke ? "1" : "1,2,3")),
        Path.of(given.getOrDefault("out", "target/bench")),
        Path.of(given.getOrDefault("jar", "target/doc-parser-service.jar")),
        given.containsKey("profile") ? Path.of(given.get("profile")).toAbsolutePath() : null,
        runs(given.getOrDefault("runs", String.join(",", ALL_RUNS))),
        storage(given.getOrDefault("storage", "embedded")),
        given.getOrDefault("db-url", "jdbc:postgresql://127.0.0.1:5432/test"),
        Integer.parseInt(given.getOrDefault("tiny-jobs", smoke ? "20" : "200")),
        settings(given.getOrDefault("service-env", "")));
  }

  /** {@code NAME=VALUE,NAME=VALUE}; a value cannot hold a comma. */
  private static Map<String, String> settings(String list) {
    Map<String, String> settings = new HashMap<>();
    for (String setting : list.split(",")) {
      if (setting.isBlank()) {
        continue;
      }
      int equals = setting.indexOf('=');
      if (equals < 1) {
        throw new IllegalArgumentException("expected NAME=VALUE in --service-env, got " + setting);
      }
      settings.put(setting.substring(0, equals).trim(), setting.substring(equals + 1));
    }
    return Map.copyOf(settings);
  }

  private static String storage(String storage) {
    if (!STORAGES.contains(storage)) {
      throw new IllegalArgumentException("unknown storage " + storage + ", expected one of " + STORAGES);
    }
    return storage;
  }

  boolean makes(String run) {
    return runs.contains(run);
  }

  private static List<String> runs(String list) {
    List<String> runs = Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    for (String run : runs) {
      if (!ALL_RUNS.contains(run)) {
        throw new IllegalArgumentException("unknown run " + run + ", expected some of " + ALL_RUNS);
      }
    }
    return runs;
  }

  private static List<Integer> numbers(String list) {
    return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::parseInt)
        .toList();
  }
}
