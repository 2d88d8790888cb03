package io.docparser.parsing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.api.ErrorCode;
import io.docparser.api.OutputFormat;
import io.docparser.config.ChildJvmSettings;
import io.docparser.support.HostileParser;
import io.docparser.support.TestDocuments;
import io.docparser.support.TikaReference;
import io.docparser.support.TikaReference.Expected;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Parsing in a child JVM (Tika pipes)")
class ChildProcessParserTest {

  private static final int MAX_CHARS = 100_000_000;
  private static final long PARSE_TIMEOUT_MS = 4_000;

  private static ParserProcesses processes;
  private static ChildProcessParser child;
  /** Why the shared slot's child was replaced, in order. */
  private static final List<String> RESTARTS = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startChild() {
    processes = ParserProcesses.prepare(new ChildJvmSettings(256, 1000, HostileParser.classPath()), PARSE_TIMEOUT_MS,
        MAX_CHARS);
    child = processes.newSlot(RESTARTS::add);
  }

  @AfterAll
  static void stopChild() {
    child.close();
    processes.close();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(OutputFormat.class)
  @DisplayName("a DOCX, an XLSX, a PDF, a ZIP of them and an e-mail give the content and metadata Tika's own handler gives in-process")
  void sameResultAsTika(OutputFormat format) {
    Map<String, byte[]> documents = Map.of("report.docx", TestDocuments.docx(), "sheet.xlsx", TestDocuments.xlsx(),
        "pages.pdf", TestDocuments.pdf(List.of("first page", "second page")), "bundle.zip",
        TestDocuments.zip(Map.of("inner/report.docx", TestDocuments.docx(), "inner/pages.pdf",
            TestDocuments.pdf(List.of("an embedded page")))), "figures.eml", email());
    documents.forEach((name, bytes) -> {
      Expected expected = TikaReference.expect(bytes, name, null, format.wireName());
      ParseOutcome.Parsed parsed = assertInstanceOf(ParseOutcome.Parsed.class,
          child.parse(new ParseRequest("job-" + name, bytes, name, format, null)), name);
      assertEquals(Optional.empty(), expected.difference(parsed.result().content()), name);
      assertEquals(Optional.empty(), expected.metadataDifference(parsed.result().metadata()), name);
      assertEquals(expected.metadata().get("Content-Type").get(0), parsed.result().contentType(), name);
      assertFalse(parsed.result().truncated(), name);
    });
  }

  @Test
  @DisplayName("encrypted legacy and OOXML Office documents open with their password, and fail as Tika does without it")
  void passwordsReachTheChild() {
    Map<String, byte[]> documents = Map.of("secret.xls", TestDocuments.encryptedXls("tika"), "plan.ppt",
        TestDocuments.encryptedPpt("tika"), "memo.docx", TestDocuments.encryptedDocx("tika"));
    documents.forEach((name, bytes) -> {
      ParseRequest withPassword = new ParseRequest("job-" + name, bytes, name, OutputFormat.TEXT, "tika");
      ParseOutcome.Parsed parsed = assertInstanceOf(ParseOutcome.Parsed.class, child.parse(withPassword), name);
      Expected opened = TikaReference.expect(bytes, name, "tika");
      assertEquals(Optional.empty(), opened.difference(parsed.result().content()), name);

      Expected locked = TikaReference.expect(bytes, name, null);
      assertEquals("ENCRYPTED_DOCUMENT", locked.errorCode(), name + ": Tika itself finds it encrypted: " + locked.why());
      ParseOutcome.Failed failed = assertInstanceOf(ParseOutcome.Failed.class,
          child.parse(new ParseRequest("job-" + name, bytes, name, OutputFormat.TEXT, null)), name);
      assertEquals(locked.errorCode(), failed.code().name(), name);
    });
  }

  @Test
  @DisplayName("content past the limit is cut where the limit falls in Tika's text, and marked truncated")
  void contentIsTruncatedAtTheLimit() {
    int limit = 20;
    byte[] document = "word ".repeat(100).getBytes(StandardCharsets.UTF_8);
    ParserProcesses small = ParserProcesses.prepare(new ChildJvmSettings(128, 1000, ""), PARSE_TIMEOUT_MS, limit);
    try (ChildProcessParser parser = small.newSlot(reason -> { })) {
      ParseOutcome.Parsed parsed = assertInstanceOf(ParseOutcome.Parsed.class,
          parser.parse(new ParseRequest("job-long", document, "long.txt", OutputFormat.TEXT, null)));
      assertTrue(parsed.result().truncated());
      String tikas = TikaReference.expect(document, "long.txt", null).content();
      assertEquals(tikas.substring(0, limit), parsed.result().content());
    } finally {
      small.close();
    }
  }

  @Test
  @DisplayName("a zip bomb fails with the code Tika's refusal of it gives, saying it is a zip bomb, long before any time limit")
  void zipBombIsRefused() {
    byte[] bomb = TestDocuments.zipBomb(200);
    Expected expected = TikaReference.expect(bomb, "bomb.zip", null);
    assertTrue(expected.why().toLowerCase(Locale.ROOT).contains("zip bomb"), "Tika refuses it: " + expected.why());
    // a time limit far beyond the parse, so that only Tika's guard can end it, however busy the machine is
    ParserProcesses patient = ParserProcesses.prepare(new ChildJvmSettings(256, 1000, ""), 300_000, MAX_CHARS);
    try (ChildProcessParser parser = patient.newSlot(reason -> { })) {
      ParseOutcome.Failed failed = assertInstanceOf(ParseOutcome.Failed.class,
          parser.parse(new ParseRequest("job-bomb", bomb, "bomb.zip", OutputFormat.TEXT, null)));

      assertEquals(expected.errorCode(), failed.code().name());
      assertTrue(failed.message().contains("zip bomb"), failed.message());
    } finally {
      patient.close();
    }
  }

  @Test
  @DisplayName("a parse that hangs is stopped at the time limit as PARSE_TIMEOUT, and the next document parses")
  void hangingParseTimesOut() {
    ParseOutcome.Failed failed = assertInstanceOf(ParseOutcome.Failed.class, child.parse(hostile("hang",
        HostileParser.hanging())));
    assertEquals(ErrorCode.PARSE_TIMEOUT, failed.code());
    assertTrue(failed.message().contains(PARSE_TIMEOUT_MS + " ms"), failed.message());
    assertEquals("timeout", RESTARTS.get(RESTARTS.size() - 1));
    assertParsesNormally();
  }

  @Test
  @DisplayName("a parse that exhausts the child's heap fails as PARSER_OUT_OF_MEMORY, and the next document parses")
  void allocatingParseRunsOutOfMemory() {
    ParseOutcome.Failed failed = assertInstanceOf(ParseOutcome.Failed.class, child.parse(hostile("allocate",
        HostileParser.allocating())));
    assertEquals(ErrorCode.PARSER_OUT_OF_MEMORY, failed.code());
    assertEquals("out_of_memory", RESTARTS.get(RESTARTS.size() - 1));
    assertParsesNormally();
  }

  @Test
  @DisplayName("a parse that kills its JVM fails as PARSER_CRASHED, and the next document parses")
  void exitingParseCrashes() {
    ParseOutcome.Failed failed = assertInstanceOf(ParseOutcome.Failed.class, child.parse(hostile("exit",
        HostileParser.exiting())));
    assertEquals(ErrorCode.PARSER_CRASHED, failed.code());
    assertEquals("crash", RESTARTS.get(RESTARTS.size() - 1));
    assertParsesNormally();
  }

  @Test
  @DisplayName("stopping a running parse kills its child at once: the parse ends as stopped, and the next document parses")
  void stopKillsTheRunningChild(@TempDir Path dir) throws Exception {
    Path pidFile = dir.resolve("pid");
    CompletableFuture<ParseOutcome> running = CompletableFuture.supplyAsync(
        () -> child.parse(hostile("slow", HostileParser.slow(pidFile))));
    long pid = HostileParser.awaitPid(pidFile);
    child.stop("someone-else");
    assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "another job's stop kills nothing");

    child.stop("job-slow");

    assertInstanceOf(ParseOutcome.Stopped.class, running.get(30, TimeUnit.SECONDS));
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the child is gone");
    assertEquals("cancelled", RESTARTS.get(RESTARTS.size() - 1));
    assertParsesNormally();
  }

  @Test
  @DisplayName("a child is replaced by a fresh one after its quota of documents")
  void childIsRecycledAfterItsQuota(@TempDir Path dir) throws Exception {
    ParserProcesses recycling = ParserProcesses.prepare(new ChildJvmSettings(128, 2, HostileParser.classPath()),
        PARSE_TIMEOUT_MS, MAX_CHARS);
    List<Long> pids = new ArrayList<>();
    List<String> restarts = new CopyOnWriteArrayList<>();
    try (ChildProcessParser parser = recycling.newSlot(restarts::add)) {
      for (int i = 0; i < 3; i++) {
        Path pidFile = dir.resolve("pid-" + i);
        assertInstanceOf(ParseOutcome.Parsed.class, parser.parse(hostile("pid", HostileParser.reportingPid(pidFile))));
        pids.add(HostileParser.awaitPid(pidFile));
      }
    } finally {
      recycling.close();
    }
    assertEquals(pids.get(0), pids.get(1), "the first two documents share a child");
    assertNotEquals(pids.get(1), pids.get(2), "the third document gets a new child: " + pids);
    assertEquals(List.of("recycled"), restarts);
  }

  @Test
  @DisplayName("a child that cannot start (a broken parser class path) fails the job as PARSER_CRASHED, saying so")
  void childThatCannotStartIsNamed(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("custom-mimetypes.xml"), "<mime-info><mime-type");
    ParserProcesses broken = ParserProcesses.prepare(new ChildJvmSettings(128, 10, dir.toString()), PARSE_TIMEOUT_MS,
        MAX_CHARS);
    try (ChildProcessParser parser = broken.newSlot(reason -> { })) {
      ParseOutcome.Failed failed = assertInstanceOf(ParseOutcome.Failed.class, parser.parse(
          new ParseRequest("job-broken", "text".getBytes(), "a.txt", OutputFormat.TEXT, null)));
      assertEquals(ErrorCode.PARSER_CRASHED, failed.code());
      assertTrue(failed.message().contains("could not be started"), failed.message());
    } finally {
      broken.close();
    }
  }

  /** An e-mail with a body and an attachment, which Tika's mail parser hands on as an embedded document. */
  private static byte[] email() {
    return """
        From: finance@example.org
        To: board@example.org
        Subject: Quarterly figures
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="part"

        --part
        Content-Type: text/plain; charset=UTF-8

        The figures are attached.
        --part
        Content-Type: application/json; name="figures.json"
        Content-Disposition: attachment; filename="figures.json"

        {"north": 120, "south": 95}
        --part--
        """.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  private static ParseRequest hostile(String name, byte[] document) {
    return new ParseRequest("job-" + name, document, name + ".bin", OutputFormat.TEXT, null);
  }

  private static void assertParsesNormally() {
    byte[] next = "the next document".getBytes(StandardCharsets.UTF_8);
    ParseOutcome.Parsed parsed = assertInstanceOf(ParseOutcome.Parsed.class,
        child.parse(new ParseRequest("job-next", next, "next.txt", OutputFormat.TEXT, null)));
    assertEquals(Optional.empty(), TikaReference.expect(next, "next.txt", null).difference(parsed.result().content()));
  }
}
