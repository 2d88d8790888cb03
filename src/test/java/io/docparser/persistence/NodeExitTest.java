package io.docparser.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A node that gives up on its database")
class NodeExitTest {

  @Test
  @DisplayName("ends its JVM with status 74, after one line that says why")
  void endsTheJvm() throws Exception {
    Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), GivingUp.class.getName())
        .redirectErrorStream(true).start();
    String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertTrue(jvm.waitFor(30, TimeUnit.SECONDS), output);
    assertEquals(NodeExit.STATUS, jvm.exitValue(), output);
    assertTrue(output.contains("the node stops with exit status 74 so that its supervisor starts it afresh:"
        + " the embedded database could not be reopened"), output);
  }

  /** A JVM that gives up, and would otherwise stay up for a minute. */
  static final class GivingUp {
    public static void main(String[] args) throws InterruptedException {
      NodeExit.exit("the embedded database could not be reopened");
      Thread.sleep(60_000);
    }
  }
}
