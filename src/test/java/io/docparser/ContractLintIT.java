package io.docparser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.Prerequisites;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The contract, openapi.yaml")
class ContractLintIT {

  /** Pinned, so that a new release with new rules cannot fail a build nobody changed. */
  static final String LINTER = "@redocly/cli@2.77.0";
  /** The first run downloads the linter. */
  private static final long TIMEOUT_MINUTES = 5;

  @Test
  @DisplayName("passes " + LINTER + " lint with no errors")
  void passesTheLinter() throws Exception {
    Prerequisites.require("Node.js (npx), for the contract linter", Prerequisites.onPath("npx"));
    Path projectDir = Path.of(System.getProperty("docparser.projectDir", ".")).toAbsolutePath();
    Path log = Files.createDirectories(Path.of("target", "it-logs")).resolve("contract-lint.log");
    Process lint = new ProcessBuilder("npx", "--yes", LINTER, "lint", "openapi.yaml")
        .directory(projectDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();

    boolean finished = lint.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
    if (!finished) {
      lint.descendants().forEach(ProcessHandle::destroyForcibly);
      lint.destroyForcibly().waitFor();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(finished, "the linter did not finish in " + TIMEOUT_MINUTES + " minutes:\n" + output);
    assertEquals(0, lint.exitValue(), "the linter found errors:\n" + output);
    // Guards against a run that exits 0 without linting anything (a wrong directory, or npx doing something else).
    assertTrue(output.contains("openapi.yaml: validated"), "the linter did not validate openapi.yaml:\n" + output);
  }
}
