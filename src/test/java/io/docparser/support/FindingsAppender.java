package io.docparser.support;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Logback appender (see logback-test.xml) that keeps every Vert.x warning about a blocked event-loop thread and
 * every report of an unhandled exception ({@link LogFindings}), so that {@link CleanLogs} can fail the
 * tests during which one was logged. Worker threads are allowed to block (parses run there); event loops never are.
 */
public final class FindingsAppender extends AppenderBase<ILoggingEvent> {

  private static final List<String> SEEN = new CopyOnWriteArrayList<>();

  @Override
  protected void append(ILoggingEvent event) {
    String message = event.getFormattedMessage();
    if (message != null && LogFindings.isFinding(message)) {
      SEEN.add(message + throwableSummary(event));
    }
  }

  private static String throwableSummary(ILoggingEvent event) {
    return event.getThrowableProxy() == null ? ""
        : " (" + event.getThrowableProxy().getClassName() + ": " + event.getThrowableProxy().getMessage() + ")";
  }

  /** The findings seen since the last call, which forgets them. */
  public static List<String> drain() {
    List<String> seen = List.copyOf(SEEN);
    SEEN.clear();
    return seen;
  }
}
