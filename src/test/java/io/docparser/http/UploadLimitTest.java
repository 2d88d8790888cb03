package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The upload limit")
class UploadLimitTest {

  private static final int MAX_DOCUMENT_BYTES = 100_000;

  private static ApiClient api;

  @BeforeAll
  static void startNode(Vertx vertx, VertxTestContext context) {
    TestNode.deploy(vertx, Map.of("DOCPARSER_MAX_UPLOAD_BYTES", String.valueOf(MAX_DOCUMENT_BYTES)))
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
  @DisplayName("a request body far over the limit is cut off with 413 before it is read whole")
  void hugeBodyIsRefused() {
    HttpResponse<String> response = api.submitText("y".repeat(MAX_DOCUMENT_BYTES * 4));

    assertEquals(413, response.statusCode());
    assertEquals("PAYLOAD_TOO_LARGE", ApiClient.json(response).getString("error_code"));
  }
}
