package io.docparser.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One small run of the benchmark harness, so that it keeps working; the numbers themselves are not judged here. The
 * service is started with an upload limit just below one generated document's size, so that one document ends
 * otherwise than in-process (refused with 413, where Tika parses it) and the harness must say so.
 */
@DisplayName("The benchmark harness, in its smoke mode")
class BenchSmokeIT {

  private static final String REFUSED_DOCUMENT = "generated-100.html";
  private static final Path OUT = Path.of("target", "bench-smoke");
  private static JsonObject results;

  @BeforeAll
  static void runTheHarnessOnce() throws Exception {
    int refusedSize = Corpus.generated(2).stream().filter(document -> document.name().equals(REFUSED_DOCUMENT))
        .findFirst().orElseThrow().bytes().length;
    String jar = System.getProperty("docparser.jar", "target/doc-parser-service.jar");
    Bench.main(new String[] {"--smoke", "true", "--out", OUT.toString(), "--jar", jar,
        "--service-env", "DOCPARSER_MAX_UPLOAD_BYTES=" + (refusedSize - 1)});
    results = new JsonObject(Files.readString(OUT.resolve("results.json")));
  }

  @Test
  @DisplayName("measures every run on generated documents, deletes every job it made, and writes results.md")
  void everyRunIsMeasured() throws Exception {
    for (String run : new String[] {"in_process", "service_process", "service_none"}) {
      assertTrue(results.getJsonObject(run).getDouble("documents_per_s") > 0, run);
    }
    for (String run : new String[] {"service_process", "service_none"}) {
      JsonObject service = results.getJsonObject(run);
      assertEquals(0, service.getInteger("errors"), run + ": " + service.getString("first_error"));
      assertEquals(0, service.getInteger("jobs_left"), run + ": the harness deletes every job it made");
    }
    JsonObject openLoop = results.getJsonArray("open_loop").getJsonObject(0);
    assertEquals(0, openLoop.getInteger("errors"), openLoop.encode());
    assertTrue(openLoop.getInteger("accepted") > 0, openLoop.encode());
    assertEquals(0, results.getJsonArray("scaling").getJsonObject(0).getInteger("errors"));
    assertTrue(Files.readString(OUT.resolve("results.md")).contains("| service, isolation process |"));
  }

  @Test
  @DisplayName("reports CPU per document of the ceiling and of the service, their efficiency, and a tiny job's cost")
  void cpuIsReported() {
    assertTrue(results.getJsonObject("in_process").getJsonObject("cpu").getDouble("ms_per_document") > 0);
    for (String run : new String[] {"service_process", "service_none"}) {
      JsonObject service = results.getJsonObject(run);
      assertTrue(service.getJsonObject("cpu").getDouble("ms_per_document") > 0, run + ": " + service.encode());
      assertTrue(service.getDouble("efficiency") > 0, run);
      JsonObject tinyJob = service.getJsonObject("tiny_job");
      assertTrue(tinyJob.getDouble("end_to_end_p50_ms") > 0, run + ": " + tinyJob.encode());
      assertTrue(tinyJob.getDouble("cpu_ms_per_job") > 0, run + ": " + tinyJob.encode());
    }
  }

  @Test
  @DisplayName("names a document that completes in-process and is refused by the service, and does not count it")
  void aDocumentEndingOtherwiseIsReported() throws Exception {
    for (String run : new String[] {"service_process", "service_none"}) {
      JsonObject service = results.getJsonObject(run);
      JsonArray differing = service.getJsonArray("differing_from_in_process");
      assertEquals(1, differing.size(), run + ": " + differing.encode());
      JsonObject entry = differing.getJsonObject(0);
      assertEquals(REFUSED_DOCUMENT, entry.getString("document"), run);
      assertEquals("completed", entry.getString("in_process"), run);
      assertEquals("refused 413 PAYLOAD_TOO_LARGE", entry.getString("service"), run);
      assertEquals(service.getInteger("jobs") - entry.getInteger("jobs"), service.getInteger("documents"),
          run + ": only the jobs that ended as in-process are served");
    }
    assertTrue(Files.readString(OUT.resolve("results.md")).contains("| " + REFUSED_DOCUMENT + " | completed |"));
  }
}
