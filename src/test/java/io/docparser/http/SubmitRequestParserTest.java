package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.api.ErrorCode;
import io.docparser.api.ServiceException;
import io.docparser.jobs.SubmittedDocument;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Checking the body of POST /submit")
class SubmitRequestParserTest {

  private final SubmitRequestParser parser = new SubmitRequestParser(16);

  @Test
  @DisplayName("document_data becomes the document's UTF-8 bytes, unchanged")
  void documentDataIsTheDocument() {
    SubmittedDocument document = parser.parse("application/json; charset=utf-8",
        Buffer.buffer("{\"document_data\": \"grüße\\n\"}"));

    assertArrayEquals("grüße\n".getBytes(StandardCharsets.UTF_8), document.bytes());
    assertEquals("text", document.outputFormat());
    assertNull(document.filename());
  }

  @Test
  @DisplayName("a document over the size limit is 413, counted in bytes")
  void oversizedDocumentIsTooLarge() {
    ServiceException error = assertThrows(ServiceException.class,
        () -> parser.parse("application/json", Buffer.buffer("{\"document_data\": \"ééééééééé\"}")));

    assertEquals(ErrorCode.PAYLOAD_TOO_LARGE, error.code());
    assertTrue(error.getMessage().contains("18 bytes"), error.getMessage());
  }

  @Test
  @DisplayName("a missing or foreign Content-Type is 415")
  void contentTypeMustBeJson() {
    Buffer body = Buffer.buffer("{\"document_data\": \"x\"}");

    assertEquals(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        assertThrows(ServiceException.class, () -> parser.parse(null, body)).code());
    assertEquals(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        assertThrows(ServiceException.class, () -> parser.parse("text/plain", body)).code());
  }

  @Test
  @DisplayName("invalid JSON is 400 with the line and column of the problem")
  void invalidJsonSaysWhere() {
    ServiceException error = assertThrows(ServiceException.class,
        () -> parser.parse("application/json", Buffer.buffer("{\n  \"document_data\": tru }")));

    assertEquals(ErrorCode.INVALID_REQUEST, error.code());
    assertTrue(error.getMessage().startsWith("the request body is not valid JSON (line 2, column"),
        error.getMessage());
  }

  @Test
  @DisplayName("a boolean, an object or an array is not a document")
  void nonStringDocumentData() {
    for (String value : new String[] {"true", "{}", "[\"a\"]"}) {
      ServiceException error = assertThrows(ServiceException.class,
          () -> parser.parse("application/json", Buffer.buffer("{\"document_data\": " + value + "}")));
      assertEquals(ErrorCode.INVALID_REQUEST, error.code());
      assertTrue(error.getMessage().startsWith("document_data must be a string"), error.getMessage());
    }
  }
}
