package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.Await;
import io.docparser.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(VertxExtension.class)
@DisplayName("The upload limit")
class UploadLimitTest {

  private static final int MAX_DOCUMENT_BYTES = 100_000;
  private static final int MAX_TEXT_CHARS = 5_000;

  @TempDir
  static Path uploads;
  private static ApiClient api;

  @BeforeAll
  static void startNode(Vertx vertx, VertxTestContext context) {
    TestNode.deploy(vertx, Map.of("DOCPARSER_MAX_UPLOAD_BYTES", String.valueOf(MAX_DOCUMENT_BYTES),
            "DOCPARSER_MAX_TEXT_CHARS", String.valueOf(MAX_TEXT_CHARS),
            "DOCPARSER_UPLOAD_DIR", uploads.toString()))
        .onComplete(context.succeeding(config -> {
          api = new ApiClient(config.httpPort());
          context.completeNow();
        }));
  }

  @Test
  @DisplayName("a document of exactly the limit is accepted")
  void documentAtTheLimitIsAccepted() {
    String jobId = api.submitTextForId("x".repeat(MAX_DOCUMENT_BYTES));

    assertEquals("completed", api.awaitTerminal(jobId).getString("status"));
  }

  @Test
  @DisplayName("a document one byte over the limit answers 413, counting decoded bytes")
  void documentOverTheLimitIsTooLarge() {
    HttpResponse<String> response = api.submitText("é".repeat(MAX_DOCUMENT_BYTES / 2) + "x");

    assertEquals(413, response.statusCode());
    JsonObject error = ApiClient.json(response);
    assertEquals("PAYLOAD_TOO_LARGE", error.getString("error_code"));
    assertTrue(error.getString("error").contains(String.valueOf(MAX_DOCUMENT_BYTES)), error.getString("error"));
  }

  @Test
  @DisplayName("raw and multipart uploads over the limit answer 413, and leave no temp file behind")
  void oversizedUploadsAreTooLarge() {
    byte[] document = new byte[MAX_DOCUMENT_BYTES + 1];

    HttpResponse<String> raw = api.submitRaw(document, "?filename=big.bin", Map.of());
    assertEquals(413, raw.statusCode(), raw.body());
    assertEquals("PAYLOAD_TOO_LARGE", ApiClient.json(raw).getString("error_code"));

    HttpResponse<String> multipart = api.submitMultipart(document, "big.bin", Map.of());
    assertEquals(413, multipart.statusCode(), multipart.body());
    assertEquals("PAYLOAD_TOO_LARGE", ApiClient.json(multipart).getString("error_code"));

    Await.until(() -> leftIn(uploads).isEmpty(), "the refused uploads' temp files in " + uploads + " to go");
  }

  private static List<Path> leftIn(Path directory) {
    try (Stream<Path> left = Files.list(directory)) {
      return left.toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "as {0}")
  @ValueSource(strings = {"text", "markdown", "html", "json"})
  @DisplayName("content past the configured bound is cut, and the result says truncated")
  void longContentIsTruncated(String format) {
    String text = "A sentence that repeats until the document is long enough. ".repeat(500);
    String jobId = ApiClient.acceptedId(api.post("/submit", "application/json",
        new JsonObject().put("document_data", text).put("output_format", format).encode()));

    assertEquals("completed", api.awaitTerminal(jobId).getString("status"));
    JsonObject result = ApiClient.json(api.get("/result/" + jobId));
    assertEquals(true, result.getBoolean("truncated"), result.encode());
    String content = format.equals("json")
        ? result.getJsonArray("result").getJsonObject(0).getString("X-TIKA:content")
        : result.getString("result");
    assertTrue(content.length() <= MAX_TEXT_CHARS + 1000, "content of " + content.length() + " chars");
  }

  @Test
  @DisplayName("content within the bound is not marked truncated")
  void shortContentIsWhole() {
    String jobId = api.submitTextForId("short");

    api.awaitTerminal(jobId);
    assertEquals(false, ApiClient.json(api.get("/result/" + jobId)).getBoolean("truncated"));
  }

  @Test
  @DisplayName("a request body far over the limit is cut off with 413 before it is read whole")
  void hugeBodyIsRefused() {
    HttpResponse<String> response = api.submitText("y".repeat(MAX_DOCUMENT_BYTES * 4));

    assertEquals(413, response.statusCode());
    assertEquals("PAYLOAD_TOO_LARGE", ApiClient.json(response).getString("error_code"));
  }
}
