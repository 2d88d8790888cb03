package io.docparser.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Test prerequisites beyond the JDK and Maven. On a laptop, a test whose prerequisite is missing skips with a
 * message naming it; under {@code -Ddocparser.requireAll=true} (as .ci/run runs the suite) it fails instead.
 */
public final class Prerequisites {

  private Prerequisites() {
  }

  public static void require(String what, boolean present) {
    if (present) {
      return;
    }
    String message = "prerequisite missing: " + what;
    if (Boolean.getBoolean("docparser.requireAll")) {
      throw new AssertionError(message + " (required under -Ddocparser.requireAll=true)");
    }
    Assumptions.abort(message);
  }

  public static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
