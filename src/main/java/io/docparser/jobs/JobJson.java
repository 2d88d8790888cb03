package io.docparser.jobs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.docparser.persistence.StoreMaps;
import java.io.IOException;
import java.time.Instant;

/**
 * The one JSON form of a job record, used for the job map and nowhere else. Field names are snake_case so that
 * the map can be queried by the same names the API shows ({@code status}, {@code created_at}).
 */
final class JobJson {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private JobJson() {
  }

  static String write(Job job) {
    try {
      return MAPPER.writeValueAsString(job);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a job record could not be written as JSON", e);
    }
  }

  static Job read(String json) {
    try {
      return MAPPER.readValue(json, Job.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a job record in the job map is not valid JSON", e);
    }
  }

  /**
   * The creation time of a record in epoch milliseconds, read without reading the whole record: listings call this
   * for every job they order. A record written before {@code created_ms} existed has only {@code created_at}.
   */
  static long createdMillis(String json) {
    try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
      String createdAt = null;
      parser.nextToken();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        if (StoreMaps.CREATED_MS_ATTRIBUTE.equals(field)) {
          return parser.getLongValue();
        }
        if (StoreMaps.CREATED_ATTRIBUTE.equals(field)) {
          createdAt = parser.getText();
        }
        parser.skipChildren();
      }
      return Instant.parse(createdAt).toEpochMilli();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("a job record in the job map has no readable creation time", e);
    }
  }
}
