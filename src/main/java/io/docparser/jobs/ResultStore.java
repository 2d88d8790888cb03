package io.docparser.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Results of completed jobs, kept as long as their job record (the result TTL). */
public final class ResultStore {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final IMap<String, String> results;
  private final StoreCalls calls;
  private final Duration ttl;

  public ResultStore(Vertx vertx, HazelcastInstance hazelcast, Duration ttl) {
    this.results = hazelcast.getMap(StoreMaps.RESULTS);
    this.calls = new StoreCalls(vertx);
    this.ttl = ttl;
  }

  public Future<Void> write(String jobId, JobResult result) {
    return calls.async(() -> results.setAsync(jobId, toJson(result), ttl.toSeconds(), TimeUnit.SECONDS));
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

  private static JobResult fromJson(String json) {
    try {
      return MAPPER.readValue(json, JobResult.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored result is not valid JSON", e);
    }
  }
}
