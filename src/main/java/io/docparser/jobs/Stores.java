package io.docparser.jobs;

import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;

/**
 * The node's handles on the cluster's maps. Made once per node; making them may wait on the cluster (Hazelcast
 * creates a map's proxy on first use), so it runs off the event loop.
 *
 * @param member this node's Hazelcast member, which holds its share of the maps
 */
public record Stores(HazelcastInstance member, JobStore jobs, DocumentStore documents, PasswordStore passwords,
    ResultStore results, IdempotencyKeys idempotencyKeys, NodeDirectory nodes) {

  /** A key no job has (job ids are UUIDs), read to see whether the store answers. */
  private static final String PROBE_KEY = "readiness-probe";

  public static Stores open(Vertx vertx, HazelcastInstance member, Clock clock, Duration resultTtl,
      JobMetrics metrics) {
    return new Stores(member, new JobStore(vertx, member, clock, resultTtl, metrics), new DocumentStore(vertx, member),
        new PasswordStore(vertx, member), new ResultStore(vertx, member, resultTtl),
        new IdempotencyKeys(vertx, member, resultTtl), new NodeDirectory(vertx, member));
  }

  /** Removes what a terminal job no longer needs: its document and its password. */
  public Future<Void> forgetDocument(Job job) {
    return Future.join(documents.delete(job), passwords.forget(job.jobId())).mapEmpty();
  }

  /** Whether this node's member is running, so that the maps can be reached through it. */
  public boolean isUp() {
    return member.getLifecycleService().isRunning();
  }

  /** A read from the job map: it fails when the store cannot be reached. */
  public Future<?> probe() {
    return jobs.find(PROBE_KEY);
  }
}
