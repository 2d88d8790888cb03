package io.docparser.jobs;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.docparser.persistence.StoreMaps;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Documents waiting to be parsed, kept in the cluster (with a backup) so that any node can parse any job. They are
 * cut into chunks of about 1 MiB: Hazelcast moves and backs up entries whole, and a 100 MiB entry would stall
 * partition migration.
 */
public final class DocumentStore {

  static final int CHUNK_BYTES = 1 << 20;

  private final IMap<String, byte[]> chunks;
  private final StoreCalls calls;

  public DocumentStore(Vertx vertx, HazelcastInstance hazelcast) {
    this.chunks = hazelcast.getMap(StoreMaps.DOCUMENTS);
    this.calls = new StoreCalls(vertx);
  }

  /** How many chunks a document of {@code size} bytes is stored in. */
  public static int chunkCount(long size) {
    return (int) Math.max(1, (size + CHUNK_BYTES - 1) / CHUNK_BYTES);
  }

  public Future<Void> write(String jobId, DocumentContent content) {
    if (content instanceof DocumentContent.InFile inFile) {
      return calls.blocking(() -> copyFile(jobId, inFile.file()));
    }
    byte[] document = ((DocumentContent.InMemory) content).bytes();
    List<Future<Void>> writes = new ArrayList<>();
    for (int i = 0; i < chunkCount(document.length); i++) {
      int from = i * CHUNK_BYTES;
      byte[] chunk = Arrays.copyOfRange(document, from, Math.min(document.length, from + CHUNK_BYTES));
      String key = key(jobId, i);
      writes.add(calls.async(() -> chunks.setAsync(key, chunk)));
    }
    return Future.all(writes).mapEmpty();
  }

  /** Copies an upload chunk by chunk, so that a large document is never whole in this node's memory. */
  private Void copyFile(String jobId, Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      int index = 0;
      byte[] chunk = in.readNBytes(CHUNK_BYTES);
      do {
        chunks.set(key(jobId, index++), chunk);
        chunk = in.readNBytes(CHUNK_BYTES);
      } while (chunk.length > 0);
    }
    return null;
  }

  public Future<byte[]> read(Job job) {
    List<Future<byte[]>> reads = IntStream.range(0, job.chunks())
        .mapToObj(i -> calls.async(() -> chunks.getAsync(key(job.jobId(), i))))
        .toList();
    return Future.all(reads).map(all -> concatenate(job, reads));
  }

  public Future<Void> delete(Job job) {
    List<Future<byte[]>> removals = IntStream.range(0, job.chunks())
        .mapToObj(i -> calls.async(() -> chunks.removeAsync(key(job.jobId(), i))))
        .toList();
    return Future.all(removals).mapEmpty();
  }

  private static byte[] concatenate(Job job, List<Future<byte[]>> reads) {
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(job.sizeBytes(), Integer.MAX_VALUE - 8));
    for (Future<byte[]> read : reads) {
      byte[] chunk = read.result();
      if (chunk == null) {
        throw new IllegalStateException("a chunk of the document of job " + job.jobId() + " is missing");
      }
      out.writeBytes(chunk);
    }
    return out.toByteArray();
  }

  private static String key(String jobId, int index) {
    return jobId + "/" + index;
  }
}
