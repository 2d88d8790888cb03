package io.docparser.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.docparser.parsing.JobResult;
import io.docparser.persistence.StoreMaps;
import io.docparser.support.TestDatabases;
import io.docparser.api.ErrorCode;
import io.docparser.api.OutputFormat;
import io.docparser.cluster.HazelcastConfigs;
import io.docparser.config.OwnerSecret;
import io.docparser.parsing.DocumentParser;
import io.docparser.parsing.ParseOutcome;
import io.docparser.support.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("What a parser's crash or stop does to its job (the policy, over real stores)")
class JobProcessorTest {

  private static final Duration LEASE = Duration.ofMinutes(1);
  /** Stands for a parser whose process died under it: the policy, not the parsing, is what is tested here. */
  private static final DocumentParser CRASHING = request ->
      new ParseOutcome.Failed(ErrorCode.PARSER_CRASHED, "the parser failed on this document", "application/pdf");

  private static HazelcastInstance hazelcast;

  @BeforeAll
  static void startMember() {
    hazelcast = Hazelcast.newHazelcastInstance(HazelcastConfigs.standalone(TestDatabases.embedded(), OwnerSecret.NONE));
  }

  @AfterAll
  static void stopMember() {
    hazelcast.shutdown();
  }

  @Test
  @DisplayName("a crash is retried once, then final; the document stays until the job has ended")
  void crashIsRetriedOnce(Vertx vertx, VertxTestContext context) {
    MutableClock clock = new MutableClock(Instant.now());
    Stores stores = Stores.open(vertx, hazelcast, clock, Duration.ofHours(1), JobMetrics.withOwnRegistry());
    JobProcessor processor = new JobProcessor(stores, CRASHING, JobMetrics.withOwnRegistry());
    Job job = Job.queued("crash.pdf", null, 5, OutputFormat.TEXT.wireName(), 1, Instant.now());

    stores.documents().write(job.jobId(), new DocumentContent.InMemory("%PDF-".getBytes()))
        .compose(written -> stores.jobs().insert(job))
        .compose(inserted -> attempt(stores, processor, job))
        .compose(afterFirst -> stores.documents().read(afterFirst).map(kept -> afterFirst))
        .compose(afterFirst -> {
          clock.advance(Duration.ofMinutes(1));
          return attempt(stores, processor, job).map(afterSecond -> List.of(afterFirst, afterSecond));
        })
        .onComplete(context.succeeding(states -> context.verify(() -> {
          assertEquals(JobStatus.QUEUED, states.get(0).status());
          Job last = states.get(1);
          assertEquals(JobStatus.FAILED, last.status());
          assertEquals(ErrorCode.PARSER_CRASHED, last.errorCode());
          assertEquals(2, last.attempts());
          assertTrue(hazelcast.getMap(StoreMaps.DOCUMENTS).isEmpty(), "the document outlived its job");
          context.completeNow();
        })));
  }

  @Test
  @DisplayName("a parse stopped from outside records nothing: the job stays with its node and keeps its document")
  void stoppedParseRecordsNothing(Vertx vertx, VertxTestContext context) {
    Stores stores = Stores.open(vertx, hazelcast, new MutableClock(Instant.now()), Duration.ofHours(1),
        JobMetrics.withOwnRegistry());
    JobProcessor processor = new JobProcessor(stores, request -> new ParseOutcome.Stopped(),
        JobMetrics.withOwnRegistry());
    Job job = Job.queued("stopped.pdf", null, 5, OutputFormat.TEXT.wireName(), 1, Instant.now());

    stores.documents().write(job.jobId(), new DocumentContent.InMemory("%PDF-".getBytes()))
        .compose(written -> stores.jobs().insert(job))
        .compose(inserted -> attempt(stores, processor, job))
        .compose(after -> stores.documents().read(after).map(kept -> after))
        .compose(after -> stores.results().read(job.jobId()).map(result -> {
          assertTrue(result.isEmpty(), "a stopped parse left a result");
          return after;
        }))
        .onComplete(context.succeeding(after -> context.verify(() -> {
          assertEquals(JobStatus.PROCESSING, after.status());
          assertEquals("node-a", after.node());
          context.completeNow();
        })));
  }

  @Test
  @DisplayName("a completed job records how many bytes its stored result takes, multi-byte characters included")
  void completedJobRecordsItsResultSize(Vertx vertx, VertxTestContext context) {
    Stores stores = Stores.open(vertx, hazelcast, new MutableClock(Instant.now()), Duration.ofHours(1),
        JobMetrics.withOwnRegistry());
    JobResult parsed = new JobResult("Grüße, 世界 \uD83D\uDE00", Map.of("dc:title", List.of("Größe")), "text/plain",
        false);
    JobProcessor processor = new JobProcessor(stores, request -> new ParseOutcome.Parsed(parsed),
        JobMetrics.withOwnRegistry());
    Job job = Job.queued("greeting.txt", null, 5, OutputFormat.TEXT.wireName(), 1, Instant.now());

    stores.documents().write(job.jobId(), new DocumentContent.InMemory("hello".getBytes()))
        .compose(written -> stores.jobs().insert(job))
        .compose(inserted -> attempt(stores, processor, job))
        .onComplete(context.succeeding(after -> context.verify(() -> {
          assertEquals(JobStatus.COMPLETED, after.status());
          String stored = hazelcast.<String, String>getMap(StoreMaps.RESULTS).get(job.jobId());
          assertEquals(stored.getBytes(StandardCharsets.UTF_8).length, after.resultBytes());
          context.completeNow();
        })));
  }

  private static Future<Job> attempt(Stores stores, JobProcessor processor, Job job) {
    return stores.jobs().claim(job.jobId(), "node-a", LEASE)
        .compose(claimed -> processor.process(claimed.orElseThrow()))
        .compose(done -> stores.jobs().find(job.jobId()))
        .map(Optional::orElseThrow);
  }
}
