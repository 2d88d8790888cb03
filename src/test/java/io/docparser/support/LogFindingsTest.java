package io.docparser.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The log lines that fail a test class")
class LogFindingsTest {

  @Test
  @DisplayName("a blocked event loop and an exception nothing handled are findings")
  void blockedLoopsAndUnhandledExceptionsAreFindings() {
    assertTrue(LogFindings.isFinding("Thread vert.x-eventloop-thread-0 has been blocked for 1630 ms, time limit is"
        + " 1500 ms"));
    assertTrue(LogFindings.isFinding("Exception in thread \"docparser-parsers-0\" java.lang.IllegalStateException:"
        + " boom"));
    assertTrue(LogFindings.isFinding("{\"message\":\"Unhandled exception\",\"stack_trace\":\"java.lang."
        + "RejectedExecutionException: Task x rejected from java.util.concurrent.ThreadPoolExecutor@1[Running\"}"));
  }

  @Test
  @DisplayName("a task that Vert.x rejects because it already closed the pool, as the JVM stops, is not")
  void taskRejectedByAClosedPoolIsNot() {
    assertFalse(LogFindings.isFinding("Exception in thread \"docparser-parsers-0\" java.util.concurrent."
        + "RejectedExecutionException: Task io.vertx.core.impl.TaskQueue$$Lambda$402/0x00007fa8042db588@5a4ef13"
        + " rejected from java.util.concurrent.ThreadPoolExecutor@46fa0a22[Shutting down, pool size = 1]"));
    assertFalse(LogFindings.isFinding("{\"message\":\"An exceptionCaught() event was fired, and it reached at the"
        + " tail of the pipeline.\",\"stack_trace\":\"java.util.concurrent.RejectedExecutionException: Task"
        + " io.vertx.core.impl.TaskQueue$$Lambda$400/0x00007feda82dd478@1aafe668 rejected from"
        + " java.util.concurrent.ThreadPoolExecutor@471073e4[Terminated, pool size = 0]\"}"));
  }
}
