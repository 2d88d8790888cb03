package io.docparser.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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
    return find(command).isPresent();
  }

  /** Where {@code command} is on the PATH, if it is. */
  public static Optional<Path> find(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
