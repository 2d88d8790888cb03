package io.docparser.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.PasswordProvider;
import org.apache.tika.sax.BodyContentHandler;

/**
 * The ceiling: Tika parsing the corpus in this JVM, as DESIGN.md's reference does (AutoDetectParser, a
 * BodyContentHandler without limit, the password in the ParseContext), on N threads. Also times each document
 * parsed alone, on one thread, from which the service's per-job overhead is computed.
 */
final class InProcessCeiling {

  private final AutoDetectParser parser = new AutoDetectParser();
  private final Map<String, Latencies> parseTimes = new ConcurrentHashMap<>();
  private final Map<String, String> outcomes = new ConcurrentHashMap<>();

  /** Parses every document {@code passes} times over on {@code threads} threads; returns the wall time in nanos. */
  long run(List<BenchDocument> corpus, int passes, int threads) throws InterruptedException {
    return run(corpus, passes, threads, false);
  }

  /** Parses every document {@code passes} times over, one at a time, and keeps how long each took. */
  void timeAlone(List<BenchDocument> corpus, int passes) throws InterruptedException {
    run(corpus, passes, 1, true);
  }

  private long run(List<BenchDocument> corpus, int passes, int threads, boolean timed) throws InterruptedException {
    ConcurrentLinkedQueue<BenchDocument> work = new ConcurrentLinkedQueue<>();
    for (int pass = 0; pass < passes; pass++) {
      work.addAll(corpus);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    for (int i = 0; i < threads; i++) {
      pool.execute(() -> {
        for (BenchDocument document = work.poll(); document != null; document = work.poll()) {
          parse(document, timed);
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.HOURS);
    return System.nanoTime() - start;
  }

  /** The median time each document took to parse alone, in this JVM. */
  double medianParseMs(String name) {
    Latencies times = parseTimes.get(name);
    return times == null ? Double.NaN : times.percentileMs(50);
  }

  /**
   * How the document's last parse here ended: {@link DocumentOutcomes#COMPLETED}, or failed with the exception's
   * class; {@code not parsed} for a document this JVM has not parsed.
   */
  String outcome(String name) {
    return outcomes.getOrDefault(name, "not parsed");
  }

  private void parse(BenchDocument document, boolean timed) {
    Metadata metadata = new Metadata();
    metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, document.name());
    ParseContext context = new ParseContext();
    if (document.password() != null) {
      context.set(PasswordProvider.class, ignored -> document.password());
    }
    Biff8EncryptionKey.setCurrentUserPassword(document.password());
    long start = System.nanoTime();
    try (TikaInputStream in = TikaInputStream.get(document.bytes())) {
      parser.parse(in, new BodyContentHandler(-1), metadata, context);
      outcomes.put(document.name(), DocumentOutcomes.COMPLETED);
    } catch (Exception | StackOverflowError e) {
      outcomes.put(document.name(), "failed (" + e.getClass().getSimpleName() + ")");
    } finally {
      Biff8EncryptionKey.setCurrentUserPassword(null);
    }
    if (timed) {
      parseTimes.computeIfAbsent(document.name(), name -> new Latencies()).record(System.nanoTime() - start);
    }
  }
}
