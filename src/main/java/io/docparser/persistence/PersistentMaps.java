package io.docparser.persistence;

import com.hazelcast.config.Config;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.config.MapStoreConfig.InitialLoadMode;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleListener;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Puts the jobs, documents, results, idempotency-key and settings maps on the database, written through (write
 * delay 0): a job is in the database before its submission is answered, and a document is deleted only after the
 * result written before it.
 * Passwords are left out on purpose (DESIGN property 9): they are never persisted.
 */
public final class PersistentMaps {

  /** Where the member keeps its database, for the parts of the node that report on it. */
  private static final String DATABASE = "docparser.database";

  private PersistentMaps() {
  }

  /** Whether the member's database answers now; empty for a member that keeps its state in memory only. */
  public static Optional<BooleanSupplier> reachability(HazelcastInstance member) {
    return Optional.ofNullable(member.getUserContext().get(DATABASE))
        .map(database -> ((Database) database)::isReachable);
  }

  /** Job records are loaded when the member starts, so queued jobs are found by the workers' scan at once. */
  public static Config attach(Config hazelcast, Database database) {
    persist(hazelcast.getMapConfig(StoreMaps.JOBS),
        new JdbcEntryStore<>(database, Table.JOBS, ColumnCodec.JSON, true), InitialLoadMode.EAGER);
    persist(hazelcast.getMapConfig(StoreMaps.DOCUMENTS),
        new JdbcEntryStore<>(database, Table.DOCUMENTS, ColumnCodec.BYTES, false), InitialLoadMode.LAZY);
    persist(hazelcast.getMapConfig(StoreMaps.RESULTS),
        new JdbcEntryStore<>(database, Table.RESULTS, ColumnCodec.TEXT, false), InitialLoadMode.LAZY);
    persist(hazelcast.getMapConfig(StoreMaps.IDEMPOTENCY_KEYS),
        new JdbcEntryStore<>(database, Table.IDEMPOTENCY_KEYS, ColumnCodec.TEXT, false), InitialLoadMode.LAZY);
    // A few rows, read as a node starts: loaded whole when the map is first used, not partition by partition later.
    persist(hazelcast.getMapConfig(StoreMaps.SETTINGS),
        new JdbcEntryStore<>(database, Table.SETTINGS, ColumnCodec.TEXT, true), InitialLoadMode.EAGER);
    LifecycleListener closeOnShutdown = event -> {
      if (event.getState() == LifecycleState.SHUTDOWN) {
        database.close();
      }
    };
    hazelcast.addListenerConfig(new ListenerConfig(closeOnShutdown));
    hazelcast.getUserContext().put(DATABASE, database);
    return hazelcast;
  }

  private static void persist(MapConfig map, JdbcEntryStore<?> store, InitialLoadMode loadMode) {
    map.setMapStoreConfig(new MapStoreConfig().setEnabled(true).setImplementation(store).setWriteDelaySeconds(0)
        .setInitialLoadMode(loadMode));
  }
}
