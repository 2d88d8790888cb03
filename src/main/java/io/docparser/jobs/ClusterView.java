package io.docparser.jobs;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * What {@code GET /cluster} shows: the nodes that are up (from the node directory, read at each call), the queue's
 * depth and how many jobs the cluster holds in each status (from a census of the job map that is at most
 * {@link #CENSUS_PERIOD} old, so that a dashboard polled by many clients costs one census per period).
 */
public final class ClusterView {

  /** As often as nodes rewrite their records, so that the counts are as fresh as the nodes shown beside them. */
  static final Duration CENSUS_PERIOD = Duration.ofSeconds(2);

  private final Supplier<Future<List<JsonObject>>> nodes;
  private final PeriodicMeasurement<JobCensus> census;

  public ClusterView(Stores stores) {
    this(stores.nodes()::all, stores.jobs()::census);
  }

  /** @param census a census of the whole job map, such as {@link JobStore#census} */
  ClusterView(Supplier<Future<List<JsonObject>>> nodes, Supplier<Future<JobCensus>> census) {
    this.nodes = nodes;
    this.census = new PeriodicMeasurement<>(census, CENSUS_PERIOD);
  }

  public Future<JsonObject> snapshot() {
    Future<List<JsonObject>> live = nodes.get();
    Future<JobCensus> counted = census.latest();
    return Future.all(live, counted).map(all -> {
      JsonObject jobs = new JsonObject();
      counted.result().byStatus().forEach((status, count) -> jobs.put(status.wireName(), count));
      return new JsonObject()
          .put("nodes", new JsonArray(List.copyOf(live.result())))
          .put("queue_depth", counted.result().queued())
          .put("queue_bytes", counted.result().queuedBytes())
          .put("jobs", jobs);
    });
  }
}
