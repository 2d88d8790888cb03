package io.docparser.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What became of each job of a run, against what became of its document in Tika in-process. A job counts as served
 * only when it ended as its document ends in-process (completed in both, or failed in both), so that a run is never
 * credited with documents it did not parse, nor with parses the ceiling did not pay for; every document that ended
 * otherwise is named.
 */
final class DocumentOutcomes {

  static final String COMPLETED = "completed";

  private final InProcessCeiling ceiling;
  private final AtomicInteger jobs = new AtomicInteger();
  private final AtomicInteger served = new AtomicInteger();
  private final AtomicLong servedBytes = new AtomicLong();
  private final AtomicInteger failed = new AtomicInteger();
  /** Document name, then the service's outcome, then how many jobs ended so. */
  private final Map<String, Map<String, AtomicInteger>> differing = new ConcurrentHashMap<>();

  DocumentOutcomes(InProcessCeiling ceiling) {
    this.ceiling = ceiling;
  }

  /** @param outcome {@link #COMPLETED}, or how the service failed or refused the document */
  void record(BenchDocument document, String outcome) {
    jobs.incrementAndGet();
    if (!COMPLETED.equals(outcome)) {
      failed.incrementAndGet();
    }
    if (COMPLETED.equals(outcome) == COMPLETED.equals(ceiling.outcome(document.name()))) {
      served.incrementAndGet();
      servedBytes.addAndGet(document.bytes().length);
    } else {
      differing.computeIfAbsent(document.name(), name -> new ConcurrentHashMap<>())
          .computeIfAbsent(outcome, ignored -> new AtomicInteger()).incrementAndGet();
    }
  }

  int served() {
    return served.get();
  }

  long servedBytes() {
    return servedBytes.get();
  }

  /** Jobs that did not complete, whether or not their document completes in-process. */
  int failed() {
    return failed.get();
  }

  int jobs() {
    return jobs.get();
  }

  /** One entry per document and outcome that differs from in-process, by document name. */
  JsonArray differing() {
    JsonArray list = new JsonArray();
    new TreeMap<>(differing).forEach((document, outcomes) -> new TreeMap<>(outcomes).forEach((outcome, count) ->
        list.add(new JsonObject().put("document", document).put("in_process", ceiling.outcome(document))
            .put("service", outcome).put("jobs", count.get()))));
    return list;
  }
}
