package io.docparser.support.fuzz;

import io.docparser.support.RawHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Sends fuzzed requests one at a time over fresh sockets, judges each answer ({@link AnswerJudge}), counts what it sent
 * and keeps every finding, grouped by what went wrong, for one report at the end.
 */
public final class FuzzRun {

  /** A bound on every read: an answer that takes longer counts as a hang. */
  public static final int ANSWER_TIMEOUT_MS = 15_000;
  /** An answer slower than this is listed in the summary: the run should take well under a minute. */
  private static final long SLOW_MS = 1000;

  private final String name;
  private final RawHttp raw;
  private final Map<String, List<String>> findings = new LinkedHashMap<>();
  private final Map<String, Set<String>> operations = new LinkedHashMap<>();
  private final List<String> slow = new ArrayList<>();
  private final Map<String, Long> timeByOperation = new TreeMap<>();
  private final Map<Integer, Integer> byStatus = new TreeMap<>();
  private int sent;
  private int failed;

  public FuzzRun(String name, int port) {
    this.name = name;
    this.raw = new RawHttp(port, ANSWER_TIMEOUT_MS);
  }

  /** A request and the operation it was made from. */
  public record Planned(FuzzRequest request, String operation) {
  }

  /**
   * Sends every request, {@code threads} at a time (the order of the answers does not matter: each request stands
   * alone on its own connection).
   */
  public void sendAll(List<Planned> requests, int threads) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      requests.forEach(planned -> pool.execute(() -> send(planned.request(), planned.operation())));
    } finally {
      pool.shutdown();
    }
    if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
      throw new AssertionError("the fuzzed requests did not finish within 10 minutes");
    }
  }

  public void send(FuzzRequest request, String operation) {
    long started = System.nanoTime();
    RawHttp.Response response = null;
    String noAnswer = null;
    try {
      response = raw.exchange(request.toBytes());
    } catch (AssertionError | RuntimeException e) {
      noAnswer = e.getMessage();
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    List<String> problems = AnswerJudge.problems(request, response, noAnswer);
    record(request, operation, response, problems, millis);
  }

  private synchronized void record(FuzzRequest request, String operation, RawHttp.Response response,
      List<String> problems, long millis) {
    sent++;
    byStatus.merge(response == null ? 0 : response.status(), 1, Integer::sum);
    timeByOperation.merge(operation, millis, Long::sum);
    if (millis > SLOW_MS) {
      slow.add(millis + " ms: " + operation + ": " + String.join("; ", request.notes));
    }
    if (!problems.isEmpty()) {
      failed++;
      String signature = (response == null ? "no answer" : String.valueOf(response.status())) + ": "
          + problems.get(0).replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\"")
          .replaceAll("[0-9]+", "N");
      findings.computeIfAbsent(signature, key -> new ArrayList<>()).add(report(request, response, problems));
      operations.computeIfAbsent(signature, key -> new TreeSet<>()).add(operation);
    }
  }

  private static String report(FuzzRequest request, RawHttp.Response response, List<String> problems) {
    String answer = response == null ? "(none)" : response.status() + " " + response.headers().get("content-type")
        + " " + FuzzRequest.printable(response.body().length() > 400 ? response.body().substring(0, 400)
        : response.body());
    return "    request: " + request.describe() + "\n    answer: " + answer + "\n    problems: "
        + String.join(" | ", problems);
  }

  public synchronized int sent() {
    return sent;
  }

  public synchronized int failed() {
    return failed;
  }

  public synchronized boolean clean() {
    return findings.isEmpty();
  }

  /** One line per kind of finding with its count and first example; every example goes to {@code file}. */
  public synchronized String summary(Path file) {
    StringBuilder all = new StringBuilder();
    StringBuilder summary = new StringBuilder(name + ": " + sent + " requests sent, " + failed
        + " answers outside the contract, " + findings.size() + " kinds (all in " + file + ")");
    summary.append("\n  answers by status (0: none): ").append(byStatus)
        .append("\n  milliseconds spent by operation: ").append(timeByOperation);
    if (!slow.isEmpty()) {
      summary.append("\n  ").append(slow.size()).append(" answers took over ").append(SLOW_MS).append(" ms, such as:\n    ")
          .append(String.join("\n    ", slow.subList(0, Math.min(10, slow.size()))));
    }
    findings.forEach((signature, examples) -> {
      summary.append("\n  [").append(examples.size()).append("x] ").append(signature).append("\n    on: ")
          .append(operations.get(signature)).append('\n').append(examples.get(0));
      all.append("== [").append(examples.size()).append("x] ").append(signature).append('\n');
      examples.forEach(example -> all.append(example).append('\n'));
    });
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, all.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return summary.toString();
  }
}
