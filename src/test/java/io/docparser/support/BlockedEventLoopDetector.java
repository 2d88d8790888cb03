package io.docparser.support;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * A Logback appender (see logback-test.xml) that keeps every Vert.x warning about a blocked event-loop thread, so
 * that {@link NoBlockedEventLoops} can fail the tests during which one was logged. Worker threads are allowed to
 * block (parses run there); event loops never are.
 */
public final class BlockedEventLoopDetector extends AppenderBase<ILoggingEvent> {

  /** Vert.x's own wording: "Thread vert.x-eventloop-thread-1 has been blocked for 2345 ms, time limit is ...". */
  public static final Pattern BLOCKED_EVENT_LOOP =
      Pattern.compile("vert\\.x-eventloop-thread-\\d+\\S* has been blocked");

  private static final List<String> SEEN = new CopyOnWriteArrayList<>();

  @Override
  protected void append(ILoggingEvent event) {
    String message = event.getFormattedMessage();
    if (message != null && BLOCKED_EVENT_LOOP.matcher(message).find()) {
      SEEN.add(message);
    }
  }

  /** The warnings seen since the last call, which forgets them. */
  public static List<String> drain() {
    List<String> seen = List.copyOf(SEEN);
    SEEN.clear();
    return seen;
  }
}
