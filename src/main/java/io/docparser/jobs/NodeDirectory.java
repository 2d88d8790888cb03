package io.docparser.jobs;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import io.docparser.persistence.StoreMaps;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The live record of every node in the cluster: roles, parser slots, how many are busy, how many jobs it has ended.
 * Each node rewrites its own record every few seconds with a short time to live, so a node that died drops out of
 * the list by itself, and one that stops removes its record on the way out.
 */
public final class NodeDirectory {

  /** Several missed refreshes: a node that stalls for a moment (a GC pause) is not taken for dead. */
  public static final Duration TTL = Duration.ofSeconds(10);
  private static final String NODE_ID = "node_id";

  private final IMap<String, HazelcastJsonValue> nodes;
  private final StoreCalls calls;

  public NodeDirectory(Vertx vertx, HazelcastInstance hazelcast) {
    this.nodes = hazelcast.getMap(StoreMaps.NODES);
    this.calls = new StoreCalls(vertx);
  }

  /** Writes this node's record, which must name the node in {@code node_id}. */
  public Future<Void> publish(JsonObject record) {
    return calls.async(() -> nodes.setAsync(record.getString(NODE_ID), new HazelcastJsonValue(record.encode()),
        TTL.toSeconds(), TimeUnit.SECONDS));
  }

  public Future<Void> remove(String nodeId) {
    return calls.async(() -> nodes.removeAsync(nodeId)).mapEmpty();
  }

  /** Every live node's record, by node id. */
  public Future<List<JsonObject>> all() {
    return calls.blocking(() -> nodes.values().stream()
        .map(value -> new JsonObject(value.getValue()))
        .sorted(Comparator.comparing(record -> record.getString(NODE_ID)))
        .toList());
  }
}
