package io.docparser.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a JSON body that must be one object of string fields, each given at most once. A streaming parser stops at
 * the first token that cannot belong to such a body, so a deeply nested or huge value is refused as soon as it
 * opens, never built and never walked by recursion. Jackson's read limits are set here rather than left to its
 * defaults, which would refuse a document string of more than 20 million characters, well under the body limit.
 */
final class JsonFields {

  /** The object is the first level; a value that opens a second one is refused as it opens. */
  private static final int MAX_DEPTH = 2;
  static final int MAX_NAME_CHARS = 64;
  private static final int MAX_NUMBER_CHARS = 64;

  private final JsonFactory factory;
  private final List<String> fields;

  /**
   * @param maxBodyBytes the body limit, which bounds every string in it
   * @param fields       the fields the object may have
   */
  JsonFields(long maxBodyBytes, List<String> fields) {
    this.fields = fields;
    this.factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH)
            .maxNameLength(MAX_NAME_CHARS)
            .maxNumberLength(MAX_NUMBER_CHARS)
            .maxStringLength((int) Math.min(maxBodyBytes, Integer.MAX_VALUE))
            .maxDocumentLength(maxBodyBytes)
            .maxTokenCount(2L * fields.size() + 3)
            .build())
        .build();
  }

  /** The fields given with a string value; a null value counts as absent. */
  Map<String, String> read(Buffer body) {
    try (JsonParser parser = factory.createParser(new BufferInput(body))) {
      return readObject(parser);
    } catch (StreamConstraintsException e) {
      throw SubmitOptions.invalid("the request body breaks the JSON limits of /submit: one object of string"
          + " fields, with names of at most " + MAX_NAME_CHARS + " characters");
    } catch (JsonProcessingException e) {
      throw SubmitOptions.invalid("the request body is not valid JSON" + JsonErrors.describe(e));
    } catch (IOException e) {
      throw SubmitOptions.invalid("the request body could not be read as JSON");
    }
  }

  private Map<String, String> readObject(JsonParser parser) throws IOException {
    JsonToken first = parser.nextToken();
    if (first != JsonToken.START_OBJECT) {
      throw SubmitOptions.invalid("the request body must be a JSON object, not " + describe(first));
    }
    Map<String, String> values = new HashMap<>();
    for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
      String name = parser.currentName();
      if (!fields.contains(name)) {
        throw SubmitOptions.invalid("unknown field '" + name + "'; /submit takes: " + String.join(", ", fields));
      }
      JsonToken value = parser.nextToken();
      if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
        throw SubmitOptions.invalid(name + " must be a string, not " + describe(value));
      }
      if (values.containsKey(name)) {
        throw SubmitOptions.invalid("field '" + name + "' is given more than once");
      }
      values.put(name, parser.getValueAsString());
    }
    if (parser.nextToken() != null) {
      throw SubmitOptions.invalid("the request body holds more than one JSON value");
    }
    values.values().removeIf(Objects::isNull);
    return values;
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> "a fragment of JSON";
    };
  }

  /** A buffer read in place: a JSON body may hold a hundred megabytes, which a copy would double. */
  private static final class BufferInput extends InputStream {

    private final Buffer buffer;
    private int position;

    BufferInput(Buffer buffer) {
      this.buffer = buffer;
    }

    @Override
    public int read() {
      return position < buffer.length() ? buffer.getUnsignedByte(position++) : -1;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
      if (position >= buffer.length()) {
        return -1;
      }
      int count = Math.min(length, buffer.length() - position);
      buffer.getBytes(position, position + count, into, offset);
      position += count;
      return count;
    }
  }
}
