package io.docparser.parsing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.HostileParser;
import io.docparser.support.ServiceProcess;
import io.docparser.support.TestDocuments;
import io.docparser.support.TikaReference;
import io.docparser.support.TikaReference.Expected;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One node started from the jar with its default isolation (child JVMs) and one parser slot, so that every hostile
 * document hits the same slot the next normal document needs. The misbehaving parser reaches the children through
 * DOCPARSER_PARSER_CLASSPATH, the documented hook for extra parsers. The codes of a parse that hangs, exhausts its
 * heap or kills its process, and how often each is tried, are DESIGN.md's (property 3); the code of a document that
 * Tika itself refuses is the one that what Tika throws in-process maps to (TikaReference).
 */
@DisplayName("Hostile documents against a node that parses in child JVMs")
class HostileDocumentsIT {

  private static final String PARSE_TIMEOUT_MS = "5000";

  @TempDir
  static Path workDir;
  private static ServiceProcess node;
  private static ApiClient api;

  @BeforeAll
  static void startNode() {
    node = ServiceProcess.start("hostile", Map.of(
        "DOCPARSER_WORKERS", "1",
        "DOCPARSER_PARSE_TIMEOUT_MS", PARSE_TIMEOUT_MS,
        "DOCPARSER_PARSER_HEAP_MB", "256",
        "DOCPARSER_PARSER_CLASSPATH", HostileParser.classPath()), workDir).awaitReady();
    api = node.api();
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  @DisplayName("a parse that hangs fails its job with PARSE_TIMEOUT, final at once, and the next document completes")
  void hangingDocumentTimesOut() {
    JsonObject job = submitAndAwait(HostileParser.hanging(), "hang.bin");
    assertEquals("PARSE_TIMEOUT", job.getString("error_code"));
    assertEquals(1, job.getInteger("attempts"));
    assertNextDocumentCompletes();
  }

  @Test
  @DisplayName("a parse that allocates without bound fails with PARSER_OUT_OF_MEMORY, final at once, and the next document completes")
  void allocatingDocumentRunsOutOfMemory() {
    JsonObject job = submitAndAwait(HostileParser.allocating(), "allocate.bin");
    assertEquals("PARSER_OUT_OF_MEMORY", job.getString("error_code"));
    assertEquals(1, job.getInteger("attempts"));
    assertNextDocumentCompletes();
  }

  @Test
  @DisplayName("a parse that kills its process fails with PARSER_CRASHED after its one retry, and the next document completes")
  void exitingDocumentCrashesTwice() {
    JsonObject job = submitAndAwait(HostileParser.exiting(), "exit.bin");
    assertEquals("PARSER_CRASHED", job.getString("error_code"));
    assertEquals(2, job.getInteger("attempts"));
    assertNextDocumentCompletes();
  }

  @Test
  @DisplayName("a zip bomb fails alone, with the code of Tika's refusal of it and a message saying what it is, and the next document completes")
  void zipBombFailsAlone() {
    byte[] bomb = TestDocuments.zipBomb(100);
    Expected expected = TikaReference.expect(bomb, "bomb.zip", null);
    assertTrue(expected.why().toLowerCase(Locale.ROOT).contains("zip bomb"), "Tika refuses it: " + expected.why());

    JsonObject job = submitAndAwait(bomb, "bomb.zip");

    assertEquals(expected.errorCode(), job.getString("error_code"), expected.why());
    assertTrue(job.getString("error").contains("zip bomb"), job.encode());
    assertNextDocumentCompletes();
  }

  /**
   * Tika's XML parsers refuse to expand entities past a limit, so Tika itself fails the document with an exception
   * that names neither encryption nor memory: DESIGN.md's code for a document Tika cannot read.
   */
  @Test
  @DisplayName("a billion-laughs XML fails alone, with the code of Tika's refusal to expand its entities, and the next document completes")
  void billionLaughsFailAlone() {
    byte[] laughs = TestDocuments.billionLaughs();
    Expected expected = TikaReference.expect(laughs, "laughs.xml", null);
    assertTrue(expected.why().toLowerCase(Locale.ROOT).contains("entit"), "Tika refuses it: " + expected.why());

    JsonObject job = submitAndAwait(laughs, "laughs.xml");

    assertEquals(expected.errorCode(), job.getString("error_code"), expected.why());
    assertEquals(1, job.getInteger("attempts"), "a document Tika refuses is not retried");
    assertNextDocumentCompletes();
  }

  @Test
  @DisplayName("cancelling a running job kills its parser process at once, and the slot takes the next document")
  void cancelStopsTheRunningParse() throws Exception {
    Path pidFile = workDir.resolve("slow.pid");
    String jobId = ApiClient.acceptedId(api.submitRaw(HostileParser.slow(pidFile), "?filename=slow.bin", Map.of()));
    long pid = HostileParser.awaitPid(pidFile);

    JsonObject cancelled = ApiClient.json(api.delete("/jobs/" + jobId));

    assertEquals("cancelled", cancelled.getString("status"));
    awaitDeath(pid);
    assertNextDocumentCompletes();
    assertEquals("cancelled", api.awaitTerminal(jobId).getString("status"));
  }

  private static JsonObject submitAndAwait(byte[] document, String filename) {
    String jobId = ApiClient.acceptedId(api.submitRaw(document, "?filename=" + filename, Map.of()));
    JsonObject status = api.awaitTerminal(jobId);
    assertEquals("failed", status.getString("status"), status.encode());
    return status;
  }

  private static void assertNextDocumentCompletes() {
    String text = "the next document";
    String jobId = api.submitTextForId(text);
    JsonObject status = api.awaitTerminal(jobId);
    assertEquals("completed", status.getString("status"), status.encode());
    Expected expected = TikaReference.expect(text.getBytes(StandardCharsets.UTF_8), null, null);
    assertEquals(Optional.empty(), expected.difference(ApiClient.json(api.get("/result/" + jobId)).getValue("result")));
  }

  private static void awaitDeath(long pid) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      Thread.sleep(50);
    }
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the parser process still runs");
  }
}
