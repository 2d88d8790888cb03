package io.docparser.jobs;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.docparser.persistence.StoreMaps;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Idempotency keys of submissions: the first job submitted with a key is the job every repeat of that key gets,
 * for as long as a finished job is kept.
 */
public final class IdempotencyKeys {

  private final IMap<String, String> keys;
  private final StoreCalls calls;
  private final Duration ttl;

  public IdempotencyKeys(Vertx vertx, HazelcastInstance hazelcast, Duration ttl) {
    this.keys = hazelcast.getMap(StoreMaps.IDEMPOTENCY_KEYS);
    this.calls = new StoreCalls(vertx);
    this.ttl = ttl;
  }

  /** Binds {@code key} to {@code jobId} unless it is bound already; answers the job it was bound to before. */
  public Future<Optional<String>> bind(String key, String jobId) {
    return calls.blocking(() -> Optional.ofNullable(keys.putIfAbsent(key, jobId, ttl.toSeconds(), TimeUnit.SECONDS)));
  }

  public Future<Void> release(String key) {
    return calls.async(() -> keys.removeAsync(key)).mapEmpty();
  }
}
