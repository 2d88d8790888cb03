package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.DeployedNode;
import io.docparser.support.TikaReference;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The job API of one node, over real HTTP")
class JobApiTest {

  @RegisterExtension
  static final DeployedNode node = DeployedNode.with(Map.of("DOCPARSER_WORKERS", "2"));

  private static ApiClient api;

  @BeforeAll
  static void connect() {
    api = node.api();
  }

  @Test
  @DisplayName("a submitted text document is accepted, parsed by this node, and its result is Tika's text")
  void submittedTextCompletesWithTikasText() throws Exception {
    String text = "Quarterly report.\nRevenue grew by 12 percent; costs fell.\n";
    HttpResponse<String> submitted = api.submitText(text);

    assertEquals(202, submitted.statusCode());
    JsonObject accepted = ApiClient.json(submitted);
    String jobId = accepted.getString("job_id");
    assertEquals(jobId, UUID.fromString(jobId).toString());
    assertEquals("queued", accepted.getString("status"));
    assertEquals("/status/" + jobId, submitted.headers().firstValue("Location").orElseThrow());

    JsonObject status = api.awaitTerminal(jobId);
    assertEquals("completed", status.getString("status"));
    assertEquals(node.config().nodeId(), status.getString("node"));
    assertEquals(1, status.getInteger("attempts"));
    assertEquals(text.getBytes(StandardCharsets.UTF_8).length, status.getLong("size_bytes"));
    assertEquals("text", status.getString("output_format"));
    assertTrue(status.getString("content_type").startsWith("text/plain"), status.encode());
    assertNotNull(status.getString("started_at"));
    assertNotNull(status.getString("finished_at"));

    HttpResponse<String> result = api.get("/result/" + jobId);
    assertEquals(200, result.statusCode());
    JsonObject body = ApiClient.json(result);
    assertEquals("completed", body.getString("status"));
    assertEquals(false, body.getBoolean("truncated"));
    assertEquals(TikaReference.normalise(TikaReference.text(text.getBytes(StandardCharsets.UTF_8))),
        TikaReference.normalise(body.getString("result")));
    assertTrue(body.getJsonObject("metadata").containsKey("Content-Type"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "a small body read into memory, 2000",
      "a larger body streamed through a temp file, 1500000",
      "a chunked body of unknown length streamed through a temp file, 30000"})
  @DisplayName("a raw upload arrives whole, however it is received")
  void rawUploadArrivesWhole(String caseName, int size) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < size; i++) {
      text.append("line ").append(i).append('\n');
    }
    byte[] document = text.toString().getBytes(StandardCharsets.UTF_8);
    HttpRequest.BodyPublisher body = caseName.contains("chunked")
        ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(document))
        : HttpRequest.BodyPublishers.ofByteArray(document);

    String jobId = ApiClient.acceptedId(api.send(HttpRequest.newBuilder(
            URI.create(api.base() + "/submit?filename=lines.txt"))
        .header("Content-Type", "application/octet-stream").POST(body)));

    JsonObject status = api.awaitTerminal(jobId);
    assertEquals("completed", status.getString("status"), status.encode());
    assertEquals(document.length, status.getLong("size_bytes"));
    assertEquals(text.toString().strip(), ApiClient.json(api.get("/result/" + jobId)).getString("result").strip());
  }

  @Test
  @DisplayName("a document the parser rejects fails its job with a code; its result answers 409")
  void corruptDocumentFailsWithCode() {
    String jobId = api.submitTextForId("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nthis is not a PDF");

    JsonObject status = api.awaitTerminal(jobId);
    assertEquals("failed", status.getString("status"), status.encode());
    assertEquals("CORRUPT_DOCUMENT", status.getString("error_code"));
    assertTrue(status.getString("error").contains("application/pdf"), status.getString("error"));

    HttpResponse<String> result = api.get("/result/" + jobId);
    assertEquals(409, result.statusCode());
    assertEquals("CORRUPT_DOCUMENT", ApiClient.json(result).getString("error_code"));
  }

  @ParameterizedTest(name = "GET {0} of an unknown job")
  @CsvSource({"/status/", "/result/"})
  @DisplayName("an unknown or malformed job id answers 404 with a JSON error")
  void unknownJobIsNotFound(String path) {
    for (String id : new String[] {UUID.randomUUID().toString(), "not-a-uuid"}) {
      HttpResponse<String> response = api.get(path + id);
      assertEquals(404, response.statusCode());
      JsonObject error = ApiClient.json(response);
      assertEquals("NOT_FOUND", error.getString("error_code"));
      String expected = id.equals("not-a-uuid") ? "no such job" : "no job with id '" + id + "'";
      assertTrue(error.getString("error").contains(expected), error.getString("error"));
      assertEquals(response.headers().firstValue("X-Request-Id").orElseThrow(), error.getString("request_id"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "malformed JSON|{\"document_data\": |not valid JSON",
      "no document|{}|document_data (text) or document_base64 (any document) is required",
      "document_data of the wrong type|{\"document_data\": 42}|document_data must be a string, not a number",
      "document_data null|{\"document_data\": null}|document_data (text) or document_base64",
      "empty document_data|{\"document_data\": \"\"}|the document is empty",
      "a JSON array instead of an object|[1, 2]|must be a JSON object",
      "an unknown field|{\"document_data\": \"x\", \"output\": \"md\"}|unknown field 'output'",
      "both document fields|{\"document_data\": \"x\", \"document_base64\": \"eA==\"}|not both",
      "invalid base64|{\"document_base64\": \"%%%\"}|document_base64 is not valid base64",
      "an unknown output format|{\"document_data\": \"x\", \"output_format\": \"pdf\"}|output_format 'pdf' is not one of",
  })
  @DisplayName("a malformed submission answers 400 naming the problem")
  void malformedSubmissionIsRejected(String caseName, String body, String expectedMessage) {
    HttpResponse<String> response = api.post("/submit", "application/json", body);

    assertEquals(400, response.statusCode(), response.body());
    JsonObject error = ApiClient.json(response);
    assertEquals("INVALID_REQUEST", error.getString("error_code"));
    assertTrue(error.getString("error").contains(expectedMessage), error.getString("error"));
  }

  @Test
  @DisplayName("an empty body answers 400")
  void emptyBodyIsRejected() {
    HttpResponse<String> response = api.post("/submit", "application/json", "");

    assertEquals(400, response.statusCode());
    assertTrue(ApiClient.json(response).getString("error").contains("empty"));
  }

  @Test
  @DisplayName("a Content-Type that /submit does not take answers 415")
  void wrongContentTypeIsUnsupported() {
    HttpResponse<String> response = api.post("/submit", "application/x-www-form-urlencoded", "document_data=x");

    assertEquals(415, response.statusCode());
    assertEquals("UNSUPPORTED_MEDIA_TYPE", ApiClient.json(response).getString("error_code"));
  }

  @Test
  @DisplayName("a parameter the contract rejects answers 400 naming the parameter")
  void contractValidatesParameters() {
    HttpResponse<String> response = api.get("/status/" + UUID.randomUUID() + "?wait=soon");

    assertEquals(400, response.statusCode());
    JsonObject error = ApiClient.json(response);
    assertEquals("INVALID_REQUEST", error.getString("error_code"));
    assertTrue(error.getString("error").contains("wait"), error.getString("error"));
  }

  @Test
  @DisplayName("the client's X-Request-Id comes back in the header and in error bodies; an unusable one is replaced")
  void requestIdIsEchoed() {
    HttpResponse<String> response = api.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + node.httpPort() + "/status/nope")).header("X-Request-Id", "trace-42.a:b"));
    assertEquals("trace-42.a:b", response.headers().firstValue("X-Request-Id").orElseThrow());
    assertEquals("trace-42.a:b", ApiClient.json(response).getString("request_id"));

    HttpResponse<String> replaced = api.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + node.httpPort() + "/health/live")).header("X-Request-Id", "a b\tc"));
    String id = replaced.headers().firstValue("X-Request-Id").orElseThrow();
    assertEquals(id, UUID.fromString(id).toString());
  }

  @Test
  @DisplayName("unknown paths and methods answer JSON errors too")
  void unknownRoutesAnswerJson() {
    HttpResponse<String> missing = api.get("/no/such/path");
    assertEquals(404, missing.statusCode());
    assertEquals("NOT_FOUND", ApiClient.json(missing).getString("error_code"));

    HttpResponse<String> wrongMethod = api.get("/submit");
    assertEquals(405, wrongMethod.statusCode());
    assertEquals("METHOD_NOT_ALLOWED", ApiClient.json(wrongMethod).getString("error_code"));
  }

  @Test
  @DisplayName("/openapi.yaml serves the contract file byte for byte")
  void contractIsServedAsIs() throws Exception {
    HttpResponse<byte[]> response = api.getBytes("/openapi.yaml");

    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/yaml"));
    assertArrayEquals(Files.readAllBytes(Path.of("openapi.yaml")), response.body());
  }

  @Test
  @DisplayName("/docs serves Swagger UI pointed at /openapi.yaml, with its assets")
  void docsServeSwaggerUi() {
    HttpResponse<String> page = api.get("/docs");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<script src=\"/docs/swagger-init.js\">"), page.body());
    assertTrue(api.get("/docs/swagger-init.js").body().contains("url: \"/openapi.yaml\""));

    assertEquals(200, api.get("/docs/swagger-ui-bundle.js").statusCode());
    assertEquals(200, api.get("/docs/swagger-ui.css").statusCode());
  }

  @Test
  @DisplayName("/dashboard serves its page under a same-origin policy, with its script, its style and uPlot")
  void dashboardServesPageAndAssets() {
    HttpResponse<String> page = api.get("/dashboard");
    assertEquals(200, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
    assertEquals(SecurityHeaders.PAGE_POLICY, page.headers().firstValue("Content-Security-Policy").orElseThrow());
    assertFalse(page.body().contains("<script>") || page.body().contains("style="), page.body());

    for (String asset : List.of("/dashboard/static/dashboard.js", "/dashboard/static/dashboard.css",
        "/dashboard/uplot/uPlot.iife.min.js", "/dashboard/uplot/uPlot.min.css")) {
      assertTrue(page.body().contains("\"" + asset + "\""), asset + " is not loaded by the page");
      HttpResponse<String> file = api.get(asset);
      assertEquals(200, file.statusCode(), asset);
      String type = file.headers().firstValue("Content-Type").orElseThrow();
      assertTrue(type.startsWith(asset.endsWith(".js") ? "text/javascript" : "text/css"), asset + ": " + type);
    }
    assertEquals(404, api.get("/dashboard/static/no-such-file.js").statusCode());
  }

  @Test
  @DisplayName("/formats lists the input media types Tika parses here, and the four output formats")
  void formatsAreListed() {
    HttpResponse<String> response = api.get("/formats");

    assertEquals(200, response.statusCode());
    JsonObject formats = ApiClient.json(response);
    assertEquals(List.of("text", "markdown", "html", "json"), formats.getJsonArray("output").getList());
    List<?> input = formats.getJsonArray("input").getList();
    for (String type : List.of("application/pdf", "text/html", "application/zip",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")) {
      assertTrue(input.contains(type), type + " missing from " + input);
    }
  }

  @Test
  @DisplayName("liveness and readiness answer UP on a node whose store and parser slots are up")
  void healthIsUp() {
    HttpResponse<String> live = api.get("/health/live");
    assertEquals(200, live.statusCode());
    assertEquals("UP", ApiClient.json(live).getString("status"));

    HttpResponse<String> ready = api.get("/health/ready");
    assertEquals(200, ready.statusCode());
    JsonObject body = ApiClient.json(ready);
    assertEquals("UP", body.getString("status"));
    assertTrue(body.encode().contains("parser-slots"), body.encode());
  }
}
