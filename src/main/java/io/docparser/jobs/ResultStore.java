package io.docparser.jobs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.docparser.parsing.JobResult;
import io.docparser.persistence.StoreMaps;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Results of completed jobs, kept as long as their job record (the result TTL). */
public final class ResultStore {

  /**
   * Results are written by this class alone, and may be as long as {@code max.text.chars} allows: Jackson's default
   * cap of 20 million characters per string would make a longer stored result unreadable.
   */
  private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
      .build());

  private final IMap<String, String> results;
  private final StoreCalls calls;
  private final Duration ttl;

  public ResultStore(Vertx vertx, HazelcastInstance hazelcast, Duration ttl) {
    this.results = hazelcast.getMap(StoreMaps.RESULTS);
    this.calls = new StoreCalls(vertx);
    this.ttl = ttl;
  }

  /** @return the size of the stored result in bytes (what it counts against its owner's quota) */
  public Future<Long> write(String jobId, JobResult result) {
    String json = toJson(result);
    return calls.async(() -> results.setAsync(jobId, json, ttl.toSeconds(), TimeUnit.SECONDS))
        .map(stored -> utf8Length(json));
  }

  public Future<Optional<JobResult>> read(String jobId) {
    return calls.async(() -> results.getAsync(jobId)).map(json -> Optional.ofNullable(json).map(ResultStore::fromJson));
  }

  public Future<Void> delete(String jobId) {
    return calls.async(() -> results.removeAsync(jobId)).mapEmpty();
  }

  private static String toJson(JobResult result) {
    try {
      return MAPPER.writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a result could not be written as JSON", e);
    }
  }

  /** Counted rather than encoded: a result may be hundreds of megabytes, and its encoded copy is not needed. */
  private static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  private static JobResult fromJson(String json) {
    try {
      return MAPPER.readValue(json, JobResult.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored result is not valid JSON", e);
    }
  }
}
