package io.docparser.jobs;

import io.docparser.api.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The jobs this node heard announced (the doorbell), oldest first. A free slot claims from here, so that taking the
 * next job costs one atomic claim, not a scan of the job map's queue, however long the queue is. The job map stays
 * the queue of record: an announcement this node missed, or dropped past {@link #CAPACITY}, is found by the scan a
 * slot makes when it has nothing announced left.
 */
public final class AnnouncedJobs {

  /** Announcements kept; about 5 MB of job ids. */
  static final int CAPACITY = 100_000;
  private static final DeliveryOptions THIS_NODE_ONLY = new DeliveryOptions().setLocalOnly(true);

  private final Deque<String> ids = new ArrayDeque<>();
  private final Set<String> known = new HashSet<>();

  private AnnouncedJobs() {
  }

  /** Hears the doorbell for this node, and wakes its slots ({@link Addresses#SLOTS_WAKE}) at each ring. */
  public static Future<AnnouncedJobs> listen(Vertx vertx) {
    AnnouncedJobs announced = new AnnouncedJobs();
    return vertx.eventBus().<String>consumer(Addresses.JOB_QUEUED, message -> {
      announced.add(message.body());
      vertx.eventBus().publish(Addresses.SLOTS_WAKE, null, THIS_NODE_ONLY);
    }).completion().map(announced);
  }

  synchronized void add(String jobId) {
    if (ids.size() < CAPACITY && known.add(jobId)) {
      ids.addLast(jobId);
    }
  }

  /** The oldest announced job not yet handed out. */
  synchronized Optional<String> next() {
    String jobId = ids.pollFirst();
    if (jobId != null) {
      known.remove(jobId);
    }
    return Optional.ofNullable(jobId);
  }
}
