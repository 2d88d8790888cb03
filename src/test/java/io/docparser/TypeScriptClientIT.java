package io.docparser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.NodeProject;
import io.docparser.support.Prerequisites;
import io.docparser.support.ServiceProcess;
import io.docparser.support.TestDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("TypeScript clients generated from openapi.yaml (typescript-fetch and typescript-axios, default options)")
class TypeScriptClientIT {

  private static final String TENANT_KEY = "ts-client-tenant-" + UUID.randomUUID();
  private static final String OPERATOR_KEY = "ts-client-operator-" + UUID.randomUUID();
  /** Where the build generates the clients (openapi-generator executions contract-client-typescript and -axios). */
  private static final Path FETCH_CLIENT = Path.of("target", "generated-ts-client");
  private static final Path AXIOS_CLIENT = Path.of("target", "generated-ts-axios-client");
  private static final Duration COMPILE_TIMEOUT = Duration.ofMinutes(3);
  /** Each job's long polls end within two minutes in the driver; this bounds a driver that hangs altogether. */
  private static final Duration FLOW_TIMEOUT = Duration.ofMinutes(4);
  /** What the driver prints for each step that held (its {@code ok(...)} lines), in the order it runs them. */
  private static final List<String> STEPS = List.of("getFormats", "submitDocument (JSON, bearer)",
      "getJobResult pending: HTTP 202 typed as JobPending", "cancelJob", "getJobResult cancelled: HTTP 409",
      "cancelJob deletes: then getJobStatus is HTTP 404 NOT_FOUND", "submitForm (multipart, bearer)",
      "submitRaw (octet-stream, X-API-Key)", "long-poll getJobStatus",
      "getJobResult completed: HTTP 200 typed as JobResult",
      "getJobContent markdown: text/markdown", "getJobContent json: application/json", "getJobStatus (X-API-Key)",
      "listJobs status=completed (X-API-Key)", "cancelJob on a completed job", "no key: HTTP 401 UNAUTHORIZED",
      "submitDocument without a document: HTTP 400 INVALID_REQUEST", "getCluster (operator key, X-API-Key)",
      "getMetrics (operator key)", "getCluster (tenant key): HTTP 403 FORBIDDEN",
      "listJobs (operator key): HTTP 403 FORBIDDEN", "flow complete");

  @TempDir
  static Path workDir;
  private static NodeProject project;

  @BeforeAll
  static void installTheClients() {
    Prerequisites.require("Node.js with npm, for the TypeScript client test",
        Prerequisites.onPath("node") && Prerequisites.onPath("npm"));
    project = NodeProject.install("src/test/typescript-client", "typescript-client");
    copyGenerated(FETCH_CLIENT, project.dir().resolve("fetch-client"));
    copyGenerated(AXIOS_CLIENT, project.dir().resolve("axios-client"));
  }

  @Test
  @DisplayName("typescript-fetch: compiles with tsc --strict and drives a node with tenant and operator keys "
      + "through submissions, long polls, typed results, content, lists, cancel, deletion and errors")
  void fetchClientDrivesTheWholeFlow() throws Exception {
    NodeProject.Outcome build = project.npm(COMPILE_TIMEOUT, "run", "build");
    assertEquals(0, build.exitCode(), "tsc failed on the typescript-fetch client or flow.ts:\n" + build.output());
    Path docx = Files.write(workDir.resolve("report.docx"), TestDocuments.docx());
    Path html = Files.write(workDir.resolve("page-bytes"), TestDocuments.html());

    // One parser slot: the first job waits for the slot's child JVM to start, so the driver reads its result as
    // pending, and the second one queues behind it until the driver cancels it.
    Map<String, String> environment = Map.of("DOCPARSER_API_KEYS", TENANT_KEY,
        "DOCPARSER_OPERATOR_KEYS", OPERATOR_KEY, "DOCPARSER_WORKERS", "1");
    try (ServiceProcess node = ServiceProcess.start("typescript-client", environment, workDir).awaitReady()) {
      NodeProject.Outcome flow = project.run("build/flow.js", Map.of(), FLOW_TIMEOUT,
          node.api().base(), TENANT_KEY, OPERATOR_KEY, docx.toString(), html.toString());

      assertEquals(0, flow.exitCode(), "the driver failed:\n" + flow.output());
      for (String step : STEPS) {
        assertTrue(flow.output().contains(step), "the driver never printed '" + step + "':\n" + flow.output());
      }
    }
  }

  @Test
  @DisplayName("typescript-axios: type-checks with tsc --strict against the pinned axios, with typed calls of the flow")
  void axiosClientTypeChecks() {
    NodeProject.Outcome check = project.npm(COMPILE_TIMEOUT, "run", "check-axios");

    assertEquals(0, check.exitCode(), "tsc failed on the typescript-axios client or axios-check.ts:\n"
        + check.output());
  }

  /** A fresh copy of a generated client, so that no file of an earlier build's contract survives in it. */
  private static void copyGenerated(Path generated, Path copy) {
    if (!Files.isRegularFile(generated.resolve("index.ts"))) {
      throw new AssertionError(generated + " holds no generated client; the build's generate-test-sources phase "
          + "makes it (mvn package before the integration tests)");
    }
    try {
      deleteTree(copy);
      try (Stream<Path> files = Files.walk(generated)) {
        for (Path from : files.toList()) {
          Path to = copy.resolve(generated.relativize(from).toString());
          if (Files.isDirectory(from)) {
            Files.createDirectories(to);
          } else {
            Files.copy(from, to);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> old = Files.walk(root)) {
      for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
