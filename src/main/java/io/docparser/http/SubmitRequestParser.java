package io.docparser.http;

import io.docparser.api.ErrorCode;
import io.docparser.api.ServiceException;
import io.docparser.jobs.SubmittedDocument;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Checks and decodes the body of {@code POST /submit}. The contract's generic validator is off for this route
 * (DESIGN.md, "The contract and validation"), so this class gives the same kind of 400: one that names the field.
 * It parses whole request bodies, so callers run it off the event loop.
 */
public final class SubmitRequestParser {

  static final String DOCUMENT_DATA = "document_data";
  static final String DEFAULT_OUTPUT_FORMAT = "text";
  private static final Set<String> FIELDS = Set.of(DOCUMENT_DATA);
  private static final String JSON = "application/json";

  private final long maxDocumentBytes;

  public SubmitRequestParser(long maxDocumentBytes) {
    this.maxDocumentBytes = maxDocumentBytes;
  }

  public SubmittedDocument parse(String contentType, Buffer body) {
    requireJson(contentType);
    JsonObject json = parseObject(body);
    rejectUnknownFields(json);
    byte[] document = documentData(json).getBytes(StandardCharsets.UTF_8);
    if (document.length > maxDocumentBytes) {
      throw new ServiceException(ErrorCode.PAYLOAD_TOO_LARGE, DOCUMENT_DATA + " holds " + document.length
          + " bytes; this service accepts documents of up to " + maxDocumentBytes + " bytes");
    }
    return new SubmittedDocument(document, null, null, DEFAULT_OUTPUT_FORMAT);
  }

  private static void requireJson(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      throw new ServiceException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "the request has no Content-Type; send the document as " + JSON);
    }
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!mediaType.equals(JSON)) {
      throw new ServiceException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "Content-Type '" + mediaType + "' is not accepted by /submit; send " + JSON);
    }
  }

  private static JsonObject parseObject(Buffer body) {
    if (body == null || body.length() == 0) {
      throw invalid("the request body is empty; send a JSON object with a '" + DOCUMENT_DATA + "' field");
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(body);
    } catch (DecodeException e) {
      throw invalid("the request body is not valid JSON" + JsonErrors.describe(e));
    }
    if (!(parsed instanceof JsonObject object)) {
      throw invalid("the request body must be a JSON object with a '" + DOCUMENT_DATA + "' field, not "
          + describe(parsed));
    }
    return object;
  }

  private static void rejectUnknownFields(JsonObject json) {
    for (String field : json.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw invalid("unknown field '" + field + "'; /submit takes: " + String.join(", ", FIELDS));
      }
    }
  }

  private static String documentData(JsonObject json) {
    Object value = json.getValue(DOCUMENT_DATA);
    if (value == null) {
      throw invalid(DOCUMENT_DATA + " is required: a string holding the document text");
    }
    if (!(value instanceof String text)) {
      throw invalid(DOCUMENT_DATA + " must be a string, not " + describe(value));
    }
    if (text.isEmpty()) {
      throw invalid(DOCUMENT_DATA + " is empty: there is no document to parse");
    }
    return text;
  }

  private static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof JsonObject) {
      return "an object";
    }
    if (value instanceof JsonArray) {
      return "an array";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    if (value instanceof Number) {
      return "a number";
    }
    return "a string";
  }

  private static ServiceException invalid(String message) {
    return new ServiceException(ErrorCode.INVALID_REQUEST, message);
  }
}
