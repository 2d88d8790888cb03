package io.docparser.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class (junit-platform.properties turns on auto-detection): a test class during which a
 * Vert.x event loop was reported blocked fails, and so does the build.
 */
public final class NoBlockedEventLoops implements BeforeAllCallback, AfterAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    BlockedEventLoopDetector.drain();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    List<String> blocked = BlockedEventLoopDetector.drain();
    if (!blocked.isEmpty()) {
      fail("a Vert.x event loop was blocked during " + context.getDisplayName() + ": " + blocked);
    }
  }
}
