package io.docparser.parsing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.Prerequisites;
import io.docparser.support.ServiceProcess;
import io.docparser.support.TikaReference;
import io.docparser.support.TikaReference.Expected;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared corpus of real documents through the API of one node started from the jar, in every output format:
 * each document must end as Tika in-process predicts (completed with the content Tika's own handler writes, or
 * failed with the code of what Tika throws), encrypted ones opening with their password from the manifest and
 * failing without it. Every document of every format is submitted before the first is compared, so the node's
 * parser slots never wait for the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CorpusScenario {

  private static final Path CORPUS = Path.of(System.getProperty("docparser.projectDir", "."))
      .resolve("../shared/corpus").normalize();
  private static final List<String> FORMATS = List.of("text", "markdown", "html", "json");
  /**
   * Tika's expectations, worked out while the node parses. They do not depend on the node: the isolation modes, run
   * in one test JVM, share them.
   */
  private static final Map<String, CompletableFuture<Expected>> EXPECTED = new ConcurrentHashMap<>();
  private static final ExecutorService REFERENCE = Executors.newFixedThreadPool(2, task -> {
    Thread thread = new Thread(task, "tika-reference");
    thread.setDaemon(true);
    return thread;
  });

  private ServiceProcess node;
  private final Map<String, Map<Case, String>> jobsByFormat = new LinkedHashMap<>();

  /** The value of DOCPARSER_ISOLATION this node parses with. */
  abstract String isolation();

  @BeforeAll
  void submitTheCorpusInEveryFormat(@TempDir Path workDir) throws Exception {
    Prerequisites.require("the shared corpus at " + CORPUS, Files.isRegularFile(CORPUS.resolve("MANIFEST.tsv")));
    List<Case> cases = cases();
    node = ServiceProcess.start("corpus-" + isolation(),
        Map.of("DOCPARSER_WORKERS", "2", "DOCPARSER_ISOLATION", isolation()), workDir).awaitReady();
    // once the node is up, so that its start-up does not share the machine with Tika's parses here
    for (String format : FORMATS) {
      cases.forEach(c -> EXPECTED.computeIfAbsent(key(c, format), key -> CompletableFuture.supplyAsync(
          () -> TikaReference.expect(c.bytes(), c.file(), c.password(), format), REFERENCE)));
    }
    ApiClient api = node.api();
    for (String format : FORMATS) {
      Map<Case, String> jobs = new LinkedHashMap<>();
      for (Case c : cases) {
        Map<String, String> fields = new LinkedHashMap<>(Map.of("output_format", format));
        if (c.password() != null) {
          fields.put("password", c.password());
        }
        jobs.put(c, ApiClient.acceptedId(api.submitMultipart(c.bytes(), c.file(), fields)));
      }
      jobsByFormat.put(format, jobs);
    }
  }

  @AfterAll
  void stopTheNode() throws Exception {
    if (node != null) {
      node.close();
      assertPasswordsNeverLogged(node.log(), cases());
    }
  }

  /**
   * The manifest's passwords that no log line holds by chance ("tika" is in logger names, four spaces in any
   * indentation), searched for in the node's whole log, the parser children's output included: in each line as
   * written and, for the node's JSON lines, in every field as decoded (JSON escapes quotes and backslashes).
   */
  private static void assertPasswordsNeverLogged(String log, List<Case> cases) {
    List<String> distinctive = cases.stream().map(Case::password).filter(Objects::nonNull).distinct()
        .filter(password -> password.replace(" ", "").length() >= 8).toList();
    assertTrue(!distinctive.isEmpty(), "the manifest has no password distinctive enough to search the log for");
    List<String> leaks = log.lines().filter(line -> distinctive.stream()
        .anyMatch(password -> line.contains(password) || decoded(line).contains(password))).toList();
    assertEquals(List.of(), leaks, "the node logged a document's password");
  }

  private static String decoded(String line) {
    if (!line.startsWith("{")) {
      return line;
    }
    try {
      JsonObject fields = new JsonObject(line);
      return fields.stream().map(field -> String.valueOf(field.getValue())).collect(Collectors.joining("\n"));
    } catch (DecodeException notJson) {
      return line;
    }
  }

  static List<String> formats() {
    return FORMATS;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  @DisplayName("every document ends as in-process Tika predicts, with the content Tika's handler for the format writes")
  void everyDocumentEndsAsTikaPredicts(String format) {
    ApiClient api = node.api();
    List<String> mismatches = new ArrayList<>();
    Map<String, Map<String, Integer>> table = new TreeMap<>();
    Map<Case, String> jobs = jobsByFormat.get(format);
    jobs.forEach((c, jobId) -> {
      JsonObject status = api.awaitTerminal(jobId);
      String outcome = "completed".equals(status.getString("status")) ? "completed" : status.getString("error_code");
      table.computeIfAbsent(c.type(), t -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
      compare(api, c, format, status).ifPresent(mismatch -> mismatches.add(key(c, format) + ": " + mismatch));
    });
    printTable(format, table);
    assertEquals(List.of(), mismatches, mismatches.size() + " of " + jobs.size() + " documents differ as " + format
        + " with isolation " + isolation());
  }

  private static Optional<String> compare(ApiClient api, Case c, String format, JsonObject status) {
    Expected expected = EXPECTED.get(key(c, format)).join();
    String got = status.getString("status");
    if (!expected.status().equals(got)
        || (expected.errorCode() != null && !expected.errorCode().equals(status.getString("error_code")))) {
      return Optional.of("expected " + ending(expected.status(), expected.errorCode(), expected.why()) + ", got "
          + ending(got, status.getString("error_code"), status.getString("error")));
    }
    if (!expected.completed()) {
      return Optional.empty();
    }
    JsonObject result = ApiClient.json(api.get("/result/" + status.getString("job_id")));
    return expected.difference(result.getValue("result"));
  }

  private static String ending(String status, String errorCode, String why) {
    return errorCode == null ? status : status + " " + errorCode + " (" + why + ")";
  }

  private static String key(Case c, String format) {
    return c.label() + " [" + format + "]";
  }

  /** Every manifest entry, and each encrypted one a second time without its password. */
  private static List<Case> cases() throws Exception {
    List<Case> cases = new ArrayList<>();
    List<String> lines = Files.readAllLines(CORPUS.resolve("MANIFEST.tsv"), StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] columns = line.split("\t", -1);
      String file = columns[0];
      String password = columns.length > 8 && !columns[8].isEmpty() ? columns[8] : null;
      byte[] bytes = Files.readAllBytes(CORPUS.resolve(file));
      String type = columns[5].split("[ ;]", 2)[0];
      cases.add(new Case(file, type, bytes, password));
      if (password != null) {
        cases.add(new Case(file, type, bytes, null));
      }
    }
    return cases;
  }

  private void printTable(String format, Map<String, Map<String, Integer>> table) {
    StringBuilder out = new StringBuilder(String.format("%n%s output, isolation %s%n%-75s %5s %9s  %s%n", format,
        isolation(), "type", "files", "completed", "failed by code"));
    table.forEach((type, outcomes) -> {
      int files = outcomes.values().stream().mapToInt(Integer::intValue).sum();
      Map<String, Integer> failed = new TreeMap<>(outcomes);
      int completed = failed.getOrDefault("completed", 0);
      failed.remove("completed");
      out.append(String.format("%-75s %5d %9d  %s%n", type, files, completed, failed.isEmpty() ? "" : failed));
    });
    System.out.println(out);
  }

  private record Case(String file, String type, byte[] bytes, String password) {
    String label() {
      return file + (password == null ? "" : " (with its password)");
    }
  }
}
