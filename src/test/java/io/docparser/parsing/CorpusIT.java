package io.docparser.parsing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.Prerequisites;
import io.docparser.support.ServiceProcess;
import io.docparser.support.TikaReference;
import io.docparser.support.TikaReference.Expected;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The shared corpus of real documents, through the API of a node started from the jar")
class CorpusIT {

  private static final Path CORPUS = Path.of(System.getProperty("docparser.projectDir", "."))
      .resolve("../shared/corpus").normalize();

  @TempDir
  Path workDir;

  @Test
  @DisplayName("every document ends as in-process Tika predicts, with Tika's text; encrypted ones open with their password")
  void corpusEndsAsTikaPredicts() throws Exception {
    Prerequisites.require("the shared corpus at " + CORPUS, Files.isRegularFile(CORPUS.resolve("MANIFEST.tsv")));
    List<Case> cases = cases();

    List<String> mismatches = new ArrayList<>();
    Map<String, Map<String, Integer>> table = new TreeMap<>();
    try (ServiceProcess node = ServiceProcess.start("corpus", Map.of("DOCPARSER_WORKERS", "2"), workDir)
        .awaitReady()) {
      ApiClient api = node.api();
      List<String> jobIds = new ArrayList<>();
      for (Case c : cases) {
        Map<String, String> fields = c.password() == null ? Map.of() : Map.of("password", c.password());
        jobIds.add(ApiClient.acceptedId(api.submitMultipart(c.bytes(), c.file(), fields)));
      }
      for (int i = 0; i < cases.size(); i++) {
        Case c = cases.get(i);
        JsonObject status = api.awaitTerminal(jobIds.get(i));
        String outcome = "completed".equals(status.getString("status")) ? "completed" : status.getString("error_code");
        table.computeIfAbsent(c.format(), f -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
        compare(api, c, status, mismatches);
      }
      assertTrue(node.blockedEventLoops().isEmpty(), node.blockedEventLoops().toString());
    }
    printTable(table);
    assertEquals(List.of(), mismatches, mismatches.size() + " of " + cases.size() + " documents differ");
  }

  private static void compare(ApiClient api, Case c, JsonObject status, List<String> mismatches) {
    Expected expected = c.expected();
    if (!expected.status().equals(status.getString("status"))
        || (expected.errorCode() != null && !expected.errorCode().equals(status.getString("error_code")))) {
      mismatches.add(c.label() + ": expected " + expected.status() + " " + expected.errorCode() + ", got "
          + status.getString("status") + " " + status.getString("error_code") + " (" + status.getString("error") + ")");
      return;
    }
    if (expected.text() != null) {
      String text = ApiClient.json(api.get("/result/" + status.getString("job_id"))).getString("result");
      if (!TikaReference.normalise(expected.text()).equals(TikaReference.normalise(text))) {
        mismatches.add(c.label() + ": the text differs from Tika's");
      }
    }
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
      String format = columns[5].split("[ ;]", 2)[0];
      cases.add(new Case(file, format, bytes, password, TikaReference.expect(bytes, file, password)));
      if (password != null) {
        cases.add(new Case(file, format, bytes, null, TikaReference.expect(bytes, file, null)));
      }
    }
    return cases;
  }

  private static void printTable(Map<String, Map<String, Integer>> table) {
    StringBuilder out = new StringBuilder(String.format("%n%-75s %5s %9s  %s%n", "format", "files", "completed",
        "failed by code"));
    table.forEach((format, outcomes) -> {
      int files = outcomes.values().stream().mapToInt(Integer::intValue).sum();
      Map<String, Integer> failed = new TreeMap<>(outcomes);
      int completed = failed.getOrDefault("completed", 0);
      failed.remove("completed");
      out.append(String.format("%-75s %5d %9d  %s%n", format, files, completed, failed.isEmpty() ? "" : failed));
    });
    System.out.println(out);
  }

  private record Case(String file, String format, byte[] bytes, String password, Expected expected) {
    String label() {
      return file + (password == null ? "" : " (with its password)");
    }
  }
}
