package io.docparser.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class (junit-platform.properties turns on auto-detection): a test class fails when,
 * while it ran, a Vert.x event loop was reported blocked or an exception went unhandled ({@link LogFindings}), in
 * the test JVM or in the log of any node it started from the jar; the build fails with it.
 */
public final class CleanLogs implements BeforeAllCallback, AfterAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    FindingsAppender.drain();
    ServiceProcess.launchedSinceLastCall();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    List<String> findings = new ArrayList<>(FindingsAppender.drain());
    for (ServiceProcess node : ServiceProcess.launchedSinceLastCall()) {
      node.logFindings().forEach(line -> findings.add(node.name() + ": " + line));
    }
    if (!findings.isEmpty()) {
      fail("the logs of " + context.getDisplayName() + " report a blocked event loop or an unhandled exception:\n"
          + String.join("\n", findings));
    }
  }
}
