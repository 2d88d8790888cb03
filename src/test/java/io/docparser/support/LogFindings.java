package io.docparser.support;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The log lines no node may write while the suite runs: Vert.x's warning that an event loop was blocked, and the
 * reports of an exception that nothing handled (Vert.x's context, Netty's pipeline tail, a thread that died of one).
 * A test that provokes failures still sees them handled: a handled failure is logged with its own words.
 */
public final class LogFindings {

  /** Vert.x's own wording: "Thread[vert.x-eventloop-thread-1,5,main] has been blocked for 2345 ms, ...". */
  public static final Pattern BLOCKED_EVENT_LOOP =
      Pattern.compile("vert\\.x-eventloop-thread-\\d+\\S* has been blocked");

  public static final Pattern UNHANDLED_EXCEPTION = Pattern.compile(
      "Unhandled exception|reached at the tail of the pipeline|Exception in thread \"");

  /**
   * Not counted: Vert.x rejecting a task of a worker context because it has already closed that context's pool, as
   * a stopping JVM ends. Such a task arrives after the node's own stop is over (its parses drained, its jobs handed
   * back), so there is nothing left for it to do; it shows the order in which Vert.x closes its pools, not a fault
   * of the node.
   */
  private static final Pattern REJECTED_BY_CLOSED_POOL = Pattern.compile(
      "RejectedExecutionException: Task io\\.vertx\\.core\\.impl\\.TaskQueue\\S* rejected from "
          + "java\\.util\\.concurrent\\.ThreadPoolExecutor@\\w+\\[(Shutting down|Terminated)");

  private LogFindings() {
  }

  /** The lines of {@code log} that report a blocked event loop or an unhandled exception. */
  public static List<String> in(String log) {
    return log.lines().filter(LogFindings::isFinding).toList();
  }

  public static boolean isFinding(String line) {
    return BLOCKED_EVENT_LOOP.matcher(line).find()
        || UNHANDLED_EXCEPTION.matcher(line).find() && !REJECTED_BY_CLOSED_POOL.matcher(line).find();
  }
}
