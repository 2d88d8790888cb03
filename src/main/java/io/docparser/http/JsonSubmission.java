package io.docparser.http;

import io.docparser.jobs.DocumentContent;
import io.docparser.jobs.SubmittedDocument;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A JSON submission: the prototype's {@code {"document_data": "text"}}, or {@code {"document_base64", "filename",
 * "content_type"}}, with the options as fields. The contract's generic validator is off for /submit (DESIGN.md,
 * "The contract and validation"), so this class gives the same kind of 400: one that names the field. It parses
 * whole request bodies, so callers run it off the event loop.
 */
final class JsonSubmission {

  static final String DOCUMENT_DATA = "document_data";
  static final String DOCUMENT_BASE64 = "document_base64";
  private static final List<String> FIELDS = List.of(DOCUMENT_DATA, DOCUMENT_BASE64, SubmitOptions.FILENAME,
      SubmitOptions.CONTENT_TYPE, SubmitOptions.OUTPUT_FORMAT, SubmitOptions.PASSWORD);

  private final long maxDocumentBytes;
  private final JsonFields reader;

  JsonSubmission(long maxDocumentBytes, long maxBodyBytes) {
    this.maxDocumentBytes = maxDocumentBytes;
    this.reader = new JsonFields(maxBodyBytes, FIELDS);
  }

  SubmittedDocument parse(Buffer body, MultiMap query, MultiMap headers) {
    Map<String, String> fields = parseFields(body);
    SubmitOptions.Options options = SubmitOptions.resolve(fields, query, headers);
    byte[] document = document(fields);
    return new SubmittedDocument(new DocumentContent.InMemory(document), options.filename(), options.contentType(),
        options.outputFormat(), options.password());
  }

  private byte[] document(Map<String, String> fields) {
    String text = fields.get(DOCUMENT_DATA);
    String base64 = fields.get(DOCUMENT_BASE64);
    if (text != null && base64 != null) {
      throw SubmitOptions.invalid("give either " + DOCUMENT_DATA + " or " + DOCUMENT_BASE64 + ", not both");
    }
    if (text == null && base64 == null) {
      throw SubmitOptions.invalid(DOCUMENT_DATA + " (text) or " + DOCUMENT_BASE64 + " (any document) is required");
    }
    byte[] document = text != null ? text.getBytes(StandardCharsets.UTF_8) : decode(base64);
    if (document.length == 0) {
      throw SubmitOptions.empty();
    }
    if (document.length > maxDocumentBytes) {
      throw SubmitOptions.tooLarge(document.length, maxDocumentBytes);
    }
    return document;
  }

  private byte[] decode(String base64) {
    String compact = base64.replaceAll("\\s", "");
    long decodedSize = compact.length() / 4L * 3;
    if (decodedSize > maxDocumentBytes + 2) {
      throw SubmitOptions.tooLarge(decodedSize, maxDocumentBytes);
    }
    try {
      return Base64.getDecoder().decode(compact);
    } catch (IllegalArgumentException e) {
      throw SubmitOptions.invalid(DOCUMENT_BASE64 + " is not valid base64: " + e.getMessage());
    }
  }

  private Map<String, String> parseFields(Buffer body) {
    if (body == null || body.length() == 0) {
      throw SubmitOptions.invalid("the request body is empty; send a JSON object with a '" + DOCUMENT_DATA
          + "' or '" + DOCUMENT_BASE64 + "' field");
    }
    return reader.read(body);
  }
}
