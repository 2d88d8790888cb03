package io.docparser.jobs;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /cluster} shows, from live cluster state: the nodes that are up (from the node directory), the
 * queue's depth and how many jobs the cluster holds in each status (from the job map).
 */
public final class ClusterView {

  private final Stores stores;

  public ClusterView(Stores stores) {
    this.stores = stores;
  }

  public Future<JsonObject> snapshot() {
    Future<List<JsonObject>> nodes = stores.nodes().all();
    Future<JobStore.QueueDepth> depth = stores.jobs().queueDepth();
    Future<Map<JobStatus, Long>> counts = stores.jobs().countByStatus();
    return Future.all(nodes, depth, counts).map(all -> {
      JsonObject jobs = new JsonObject();
      counts.result().forEach((status, count) -> jobs.put(status.wireName(), count));
      return new JsonObject()
          .put("nodes", new JsonArray(List.copyOf(nodes.result())))
          .put("queue_depth", depth.result().jobs())
          .put("queue_bytes", depth.result().bytes())
          .put("jobs", jobs);
    });
  }
}
