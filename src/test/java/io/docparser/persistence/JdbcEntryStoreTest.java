package io.docparser.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.hazelcast.map.EntryLoader.MetadataAwareValue;
import io.docparser.config.OwnerSecret;
import io.docparser.support.TestDatabases;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The JDBC map store, on an embedded H2 database")
class JdbcEntryStoreTest {

  private Database database;
  private JdbcEntryStore<String> store;

  @BeforeEach
  void open() {
    database = Database.open(TestDatabases.embedded().standaloneTarget(), OwnerSecret.NONE);
    store = new JdbcEntryStore<>(database, Table.RESULTS, ColumnCodec.TEXT, true);
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  @DisplayName("a row without TTL comes back with its value, and without an expiration time")
  void storesAndLoads() {
    store.store("a", new MetadataAwareValue<>("one"));
    store.store("a", new MetadataAwareValue<>("two"));
    MetadataAwareValue<String> loaded = store.load("a");
    assertEquals("two", loaded.getValue());
    assertEquals(MetadataAwareValue.NO_TIME_SET, loaded.getExpirationTime());
  }

  @Test
  @DisplayName("an expired row is never loaded, and the sweeper deletes it while it keeps the live ones")
  void expiredRowsStayGone() throws Exception {
    long future = System.currentTimeMillis() + 3_600_000;
    store.store("expired", new MetadataAwareValue<>("old", System.currentTimeMillis() - 1));
    store.store("live", new MetadataAwareValue<>("new", future));
    assertNull(store.load("expired"));
    assertEquals(future, store.load("live").getExpirationTime());
    assertEquals(List.of("live"), StreamSupport.stream(store.loadAllKeys().spliterator(), false).toList());
    assertEquals(1, database.sweeper().sweep(System.currentTimeMillis()));
    assertEquals("new", store.load("live").getValue());
  }

  @Test
  @DisplayName("the sweeper deletes a document whose job was never written, once no submission can still be writing it")
  void orphanedDocumentsGo() throws Exception {
    JdbcEntryStore<String> jobs = new JdbcEntryStore<>(database, Table.JOBS, ColumnCodec.TEXT, true);
    JdbcEntryStore<byte[]> documents = new JdbcEntryStore<>(database, Table.DOCUMENTS, ColumnCodec.BYTES, false);
    jobs.store("kept", new MetadataAwareValue<>("{}"));
    documents.store("kept/0", new MetadataAwareValue<>(new byte[] {1}));
    documents.store("orphan/0", new MetadataAwareValue<>(new byte[] {2}));
    documents.store("orphan/1", new MetadataAwareValue<>(new byte[] {3}));

    assertEquals(0, database.sweeper().sweep(System.currentTimeMillis()), "a submission may still be writing it");
    long later = System.currentTimeMillis() + RowSweeper.ORPHANED_AFTER.toMillis() + 1;
    assertEquals(2, database.sweeper().sweep(later));
    assertNull(documents.load("orphan/0"));
    assertEquals(1, documents.load("kept/0").getValue()[0]);
  }

  @Test
  @DisplayName("a batch load returns the live rows of the keys asked for, and neither expired nor missing ones")
  void loadsABatch() {
    store.store("live", new MetadataAwareValue<>("one"));
    store.store("also-live", new MetadataAwareValue<>("two", System.currentTimeMillis() + 3_600_000));
    store.store("expired", new MetadataAwareValue<>("old", System.currentTimeMillis() - 1));

    Map<String, MetadataAwareValue<String>> loaded = store.loadAll(List.of("live", "also-live", "expired", "none"));
    assertEquals(Set.of("live", "also-live"), loaded.keySet());
    assertEquals("two", loaded.get("also-live").getValue());
  }

  @Test
  @DisplayName("a deleted row is gone")
  void deletes() {
    store.store("a", new MetadataAwareValue<>("one"));
    store.delete("a");
    assertNull(store.load("a"));
  }
}
