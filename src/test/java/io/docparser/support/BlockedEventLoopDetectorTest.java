package io.docparser.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The guard against blocked event loops")
class BlockedEventLoopDetectorTest {

  @Test
  @DisplayName("sees Vert.x's warning when an event loop is blocked, and ignores blocked worker threads")
  void detectsBlockedEventLoop() throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions()
        .setBlockedThreadCheckInterval(20)
        .setMaxEventLoopExecuteTime(50).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
        .setMaxWorkerExecuteTime(50).setMaxWorkerExecuteTimeUnit(TimeUnit.MILLISECONDS));
    try {
      vertx.executeBlocking(() -> sleep(400)).await(5, TimeUnit.SECONDS);
      assertTrue(BlockedEventLoopDetector.drain().isEmpty(), "a blocked worker thread was counted");

      vertx.runOnContext(v -> sleep(400));
      Thread.sleep(800);
      List<String> seen = BlockedEventLoopDetector.drain();
      assertFalse(seen.isEmpty(), "the blocked event loop went unnoticed");
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
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
