package io.docparser.cluster;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.config.Config;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * Where a node's Hazelcast member comes from: the cluster manager's own member when Vert.x runs clustered, or an
 * embedded single member that this node starts and stops itself.
 */
public interface HazelcastSource {

  Future<HazelcastInstance> start(Vertx vertx);

  Future<Void> stop(Vertx vertx);

  /** The member Vert.x joined the cluster with; Vert.x shuts it down when it closes. */
  static HazelcastSource of(HazelcastClusterManager clusterManager) {
    return new HazelcastSource() {
      @Override
      public Future<HazelcastInstance> start(Vertx vertx) {
        return Future.succeededFuture(clusterManager.getHazelcastInstance());
      }

      @Override
      public Future<Void> stop(Vertx vertx) {
        return Future.succeededFuture();
      }
    };
  }

  /**
   * A member of its own, for a node started without {@code -cluster}.
   *
   * @param standalone from {@link HazelcastConfigs#standalone}, which has opened the node's database already
   */
  static HazelcastSource embedded(Config standalone) {
    return new HazelcastSource() {
      private HazelcastInstance instance;

      @Override
      public Future<HazelcastInstance> start(Vertx vertx) {
        return vertx.executeBlocking(() -> {
          instance = Hazelcast.newHazelcastInstance(standalone);
          return instance;
        });
      }

      @Override
      public Future<Void> stop(Vertx vertx) {
        return instance == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
          instance.shutdown();
          return null;
        });
      }
    };
  }
}
