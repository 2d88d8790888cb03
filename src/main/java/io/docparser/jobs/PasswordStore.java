package io.docparser.jobs;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.docparser.persistence.StoreMaps;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;

/**
 * Passwords of encrypted documents, held apart from the job record: in the cluster's memory only (never written
 * to disk, never in a job record, status, result or log), until the parse that needs it is over.
 */
public final class PasswordStore {

  private final IMap<String, String> passwords;
  private final StoreCalls calls;

  public PasswordStore(Vertx vertx, HazelcastInstance hazelcast) {
    this.passwords = hazelcast.getMap(StoreMaps.PASSWORDS);
    this.calls = new StoreCalls(vertx);
  }

  public Future<Void> keep(String jobId, String password) {
    return password == null ? Future.succeededFuture() : calls.async(() -> passwords.setAsync(jobId, password));
  }

  public Future<Optional<String>> find(String jobId) {
    return calls.async(() -> passwords.getAsync(jobId)).map(Optional::ofNullable);
  }

  public Future<Void> forget(String jobId) {
    return calls.async(() -> passwords.removeAsync(jobId)).mapEmpty();
  }
}
