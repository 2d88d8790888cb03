package io.docparser.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

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
}
