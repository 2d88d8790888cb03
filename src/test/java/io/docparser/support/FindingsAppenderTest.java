package io.docparser.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The guard against blocked event loops and unhandled exceptions")
class FindingsAppenderTest {

  @Test
  @DisplayName("sees Vert.x's warning when an event loop is blocked, and ignores blocked worker threads")
  void detectsBlockedEventLoop() throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions()
        .setBlockedThreadCheckInterval(20)
        .setMaxEventLoopExecuteTime(50).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
        .setMaxWorkerExecuteTime(50).setMaxWorkerExecuteTimeUnit(TimeUnit.MILLISECONDS));
    try {
      vertx.executeBlocking(() -> sleep(400)).await(5, TimeUnit.SECONDS);
      assertEquals(List.of(), FindingsAppender.drain(), "a blocked worker thread was counted");

      vertx.runOnContext(v -> sleep(400));
      assertTrue(awaitFindings().stream().anyMatch(LogFindings.BLOCKED_EVENT_LOOP.asPredicate()),
          "the blocked event loop went unnoticed");
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
      // The blocked loop goes on being reported until it is free; those reports are this test's, not a finding.
      FindingsAppender.drain();
    }
  }

  @Test
  @DisplayName("sees an exception that nothing on an event loop handled")
  void detectsUnhandledException() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      vertx.runOnContext(v -> {
        throw new IllegalStateException("nobody catches this");
      });
      assertTrue(awaitFindings().stream().anyMatch(line -> line.contains("nobody catches this")),
          "the unhandled exception went unnoticed");
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("the suite's nodes and Vert.x instances warn after 1.5 s of a held event loop, not two")
  void suiteWatchesMoreCloselyThanProduction() {
    VertxOptions options = TestVertxOptions.load();
    assertEquals(1500, options.getMaxEventLoopExecuteTimeUnit().toMillis(options.getMaxEventLoopExecuteTime()));
    assertTrue(TestVertxOptions.asJvmOptions().contains("-Dvertx.options.maxEventLoopExecuteTime=1500"));
  }

  private static List<String> awaitFindings() throws InterruptedException {
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (seen.isEmpty() && System.nanoTime() < deadline) {
      seen.addAll(FindingsAppender.drain());
      Thread.sleep(20);
    }
    return seen;
  }

  private static Void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }
}
