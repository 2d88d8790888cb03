package io.docparser.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One small pass of the benchmark harness, so that it keeps working; the numbers themselves are not judged here. */
@DisplayName("The benchmark harness, in its smoke mode")
class BenchSmokeIT {

  @Test
  @DisplayName("measures every run on generated documents and writes results.json and results.md")
  void smokeRunCompletes() throws Exception {
    Path out = Path.of("target", "bench-smoke");
    String jar = System.getProperty("docparser.jar", "target/doc-parser-service.jar");

    Bench.main(new String[] {"--smoke", "true", "--out", out.toString(), "--jar", jar});

    JsonObject results = new JsonObject(Files.readString(out.resolve("results.json")));
    for (String run : new String[] {"in_process", "service_process", "service_none"}) {
      assertTrue(results.getJsonObject(run).getDouble("documents_per_s") > 0, run);
    }
    for (String run : new String[] {"service_process", "service_none"}) {
      JsonObject service = results.getJsonObject(run);
      assertEquals(0, service.getInteger("failed_jobs"), run);
      assertEquals(0, service.getInteger("errors"), run);
      assertEquals(0, service.getInteger("jobs_left"), run + ": the harness deletes every job it made");
    }
    JsonObject openLoop = results.getJsonArray("open_loop").getJsonObject(0);
    assertEquals(0, openLoop.getInteger("errors"), openLoop.encode());
    assertTrue(openLoop.getInteger("accepted") > 0, openLoop.encode());
    assertEquals(0, results.getJsonArray("scaling").getJsonObject(0).getInteger("errors"));
    assertTrue(Files.readString(out.resolve("results.md")).contains("| service, isolation process |"));
  }
}
