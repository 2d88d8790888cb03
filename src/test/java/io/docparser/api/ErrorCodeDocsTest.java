package io.docparser.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.Contract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The error codes as {@link ErrorCode} defines them, as README.md documents them and as openapi.yaml declares them:
 * the same codes everywhere, with the same HTTP statuses.
 *
 * <p>The README shape this test reads: a heading (any level) whose text is {@code Error codes}; under it, up to the
 * next heading of the same or a higher level, Markdown tables whose first column holds one code in backticks. A table
 * with a column headed {@code HTTP status} gives each code's status at the start of that cell ({@code 429, with
 * `Retry-After`} reads as 429). A table without that column lists job failures: codes a job's status and the 409 from
 * {@code /result} carry, which {@link ErrorCode} gives the status 409. Every code appears once across the tables.
 */
@DisplayName("Error codes in the code, the README and the contract")
class ErrorCodeDocsTest {

  private static final Pattern CODE_CELL = Pattern.compile("`?([A-Z][A-Z0-9_]*)`?");
  private static final Pattern STATUS_CELL = Pattern.compile("^\\s*(\\d{3})\\b");
  private static final Pattern DESCRIBED_STATUS = Pattern.compile("\\b([A-Z][A-Z0-9_]+) \\((\\d{3})\\b");
  private static final int JOB_FAILURE_STATUS = 409;

  @Test
  @DisplayName("the README's error-code tables list exactly the codes of ErrorCode, each once")
  void readmeListsEveryCode() throws IOException {
    List<Row> rows = readmeRows();
    Set<String> listed = rows.stream().map(Row::code).collect(Collectors.toCollection(TreeSet::new));
    List<String> repeated = rows.stream().map(Row::code).filter(code -> rows.stream()
        .filter(row -> row.code().equals(code)).count() > 1).distinct().toList();

    assertEquals(List.of(), repeated, "codes listed more than once in the README");
    assertEquals(codes(), listed, "README.md's \"Error codes\" tables against ErrorCode: missing "
        + difference(codes(), listed) + ", not in ErrorCode " + difference(listed, codes()));
  }

  @Test
  @DisplayName("each code the README lists has ErrorCode's HTTP status (409 for job failures, listed without one)")
  void readmeStatusesMatch() throws IOException {
    List<String> wrong = new ArrayList<>();
    for (Row row : readmeRows()) {
      ErrorCode code = Arrays.stream(ErrorCode.values()).filter(c -> c.name().equals(row.code())).findFirst()
          .orElse(null);
      int documented = row.status() == null ? JOB_FAILURE_STATUS : row.status();
      if (code != null && code.httpStatus() != documented) {
        wrong.add(row.code() + ": README " + (row.status() == null ? "lists it with the job failures (409)"
            : "says " + row.status()) + ", ErrorCode says " + code.httpStatus());
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  @DisplayName("openapi.yaml's ErrorCode enum lists exactly the codes of ErrorCode")
  void contractEnumListsEveryCode() {
    Set<String> declared = Contract.published().errorCodes();

    assertEquals(codes(), declared, "openapi.yaml's ErrorCode enum against ErrorCode: missing "
        + difference(codes(), declared) + ", not in ErrorCode " + difference(declared, codes()));
  }

  @Test
  @DisplayName("where openapi.yaml's ErrorCode description gives a code a status, it is ErrorCode's")
  void contractDescriptionStatusesMatch() {
    String description = Contract.published().api().getComponents().getSchemas().get("ErrorCode").getDescription();
    Matcher described = DESCRIBED_STATUS.matcher(description);
    List<String> wrong = new ArrayList<>();
    int seen = 0;
    while (described.find()) {
      seen++;
      String name = described.group(1);
      int status = Integer.parseInt(described.group(2));
      boolean known = codes().contains(name);
      if (!known || ErrorCode.valueOf(name).httpStatus() != status) {
        wrong.add(name + " (" + status + ")" + (known ? ": ErrorCode says " + ErrorCode.valueOf(name).httpStatus()
            : ": not in ErrorCode"));
      }
    }
    assertTrue(seen > 0, "the ErrorCode description names no 'CODE (status)': " + description);
    assertEquals(List.of(), wrong);
  }

  /** One row of the README's error-code tables: the code, and its status (null in a table without one). */
  record Row(String code, Integer status) {
  }

  static List<Row> readmeRows() throws IOException {
    List<Row> rows = new ArrayList<>();
    for (List<List<String>> table : tables(section(readme(), "Error codes"))) {
      int statusColumn = indexOf(table.get(0), "http status");
      for (List<String> cells : table.subList(1, table.size())) {
        Matcher code = CODE_CELL.matcher(cells.get(0).trim());
        assertTrue(code.matches(), "the first cell of an error-code row is not one code: " + cells);
        rows.add(new Row(code.group(1), statusColumn < 0 ? null : status(cells, statusColumn)));
      }
    }
    assertFalse(rows.isEmpty(), "README.md's \"Error codes\" section has no table of codes");
    return rows;
  }

  private static Integer status(List<String> cells, int column) {
    Matcher status = STATUS_CELL.matcher(column < cells.size() ? cells.get(column) : "");
    assertTrue(status.find(), "no HTTP status at the start of the status cell: " + cells);
    return Integer.parseInt(status.group(1));
  }

  private static int indexOf(List<String> header, String name) {
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).toLowerCase(Locale.ROOT).contains(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The lines under the heading whose text is {@code title}, up to the next heading of its level or higher. */
  static List<String> section(List<String> lines, String title) {
    for (int i = 0; i < lines.size(); i++) {
      int level = headingLevel(lines.get(i));
      if (level > 0 && lines.get(i).substring(level).trim().equalsIgnoreCase(title)) {
        int end = i + 1;
        while (end < lines.size() && (headingLevel(lines.get(end)) == 0 || headingLevel(lines.get(end)) > level)) {
          end++;
        }
        return lines.subList(i + 1, end);
      }
    }
    throw new AssertionError("README.md has no heading \"" + title + "\"");
  }

  private static int headingLevel(String line) {
    int level = 0;
    while (level < line.length() && line.charAt(level) == '#') {
      level++;
    }
    return level > 0 && level < line.length() && line.charAt(level) == ' ' ? level : 0;
  }

  /** Each Markdown table in the lines: its header row, then its body rows (the separator row left out). */
  static List<List<List<String>>> tables(List<String> lines) {
    List<List<List<String>>> tables = new ArrayList<>();
    List<List<String>> current = null;
    for (String line : lines) {
      if (!line.trim().startsWith("|")) {
        current = null;
        continue;
      }
      List<String> cells = cells(line);
      if (current == null) {
        current = new ArrayList<>();
        tables.add(current);
      }
      if (!cells.stream().allMatch(cell -> cell.trim().matches(":?-{3,}:?"))) {
        current.add(cells);
      }
    }
    return tables;
  }

  private static List<String> cells(String line) {
    String inner = line.trim();
    inner = inner.substring(1, inner.endsWith("|") && inner.length() > 1 ? inner.length() - 1 : inner.length());
    List<String> cells = new ArrayList<>();
    for (String cell : inner.split("(?<!\\\\)\\|", -1)) {
      cells.add(cell.trim());
    }
    return cells;
  }

  private static List<String> readme() throws IOException {
    Path readme = Path.of(System.getProperty("docparser.projectDir", ".")).resolve("README.md");
    return Files.readAllLines(readme, StandardCharsets.UTF_8);
  }

  private static Set<String> codes() {
    return Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> difference(Set<String> from, Set<String> without) {
    Set<String> left = new TreeSet<>(from);
    left.removeAll(without);
    return left;
  }
}
