package io.docparser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.CurlRecorder;
import io.docparser.support.Prerequisites;
import io.docparser.support.ServiceProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's walk-through, run as printed; every answer its curl commands get is judged against openapi.yaml. */
@DisplayName("The README's walk-through, run as printed")
class ReadmeWalkthroughIT {

  /** The port the README's commands use: the service's default. */
  private static final int README_PORT = 8000;
  private static final Pattern WALKTHROUGH = Pattern.compile(
      "<!-- walkthrough:start -->\\s*```bash\\n(.*?)```\\s*<!-- walkthrough:end -->", Pattern.DOTALL);

  @TempDir
  Path workDir;

  @Test
  @DisplayName("every curl line of the walk-through works against a node started with the default settings")
  void walkthroughWorks() throws Exception {
    Prerequisites.require("curl", Prerequisites.onPath("curl"));
    assertPortFree();
    Path script = Files.writeString(workDir.resolve("walkthrough.sh"), walkthroughBlock());

    CurlRecorder curl = CurlRecorder.in(Files.createDirectories(workDir.resolve("recorded")));
    try (ServiceProcess node = ServiceProcess.startWithDefaults("readme", README_PORT, workDir).awaitReady()) {
      ProcessBuilder builder = new ProcessBuilder("bash", "-e", script.toString())
          .directory(workDir.toFile()).redirectErrorStream(true);
      builder.environment().putAll(curl.environment());
      Process bash = builder.start();
      String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(bash.waitFor(60, TimeUnit.SECONDS), output);

      assertEquals(0, bash.exitValue(), output);
      assertTrue(output.contains("HTTP/1.1 202 Accepted"), output);
      assertTrue(output.contains("Location: /status/"), output);
      assertTrue(output.contains("\"status\":\"completed\""), output);
      assertTrue(output.contains("\"result\":\"Quarterly report. Revenue grew by 12 percent."), output);
      assertTrue(output.contains("HTTP/1.1 404 Not Found"), output);
      assertTrue(output.contains("\"error_code\":\"NOT_FOUND\""), output);
      assertTrue(output.contains("\"error_code\":\"INVALID_REQUEST\""), output);
      assertTrue(output.contains("\"status\":\"UP\""), output);
      assertTrue(output.contains("Content-Type: text/markdown"), output);
      assertTrue(output.contains("# Status"), output);
      assertTrue(output.contains("\"output\":[\"text\",\"markdown\",\"html\",\"json\"]"), output);
      assertEquals(4, occurrences(output, "\"message\":\"Document accepted"),
          "every printed submission is accepted:\n" + output);
      assertTrue(output.contains("\"next_cursor\":"), output);
      assertEquals(2, occurrences(output, "\"error_code\""), "only the 404 and the 400 shown fail:\n" + output);
      assertEquals(List.of(), curl.violations(), "every answer the walk-through's curl commands got conforms");
    }
  }

  private static int occurrences(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }

  private static String walkthroughBlock() throws IOException {
    String readme = Files.readString(StartupIT.projectFile("README.md"), StandardCharsets.UTF_8);
    Matcher block = WALKTHROUGH.matcher(readme);
    assertTrue(block.find(), "README.md has no walk-through block between the walkthrough markers");
    return block.group(1);
  }

  private static void assertPortFree() {
    try (ServerSocket socket = new ServerSocket(README_PORT, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
    } catch (IOException e) {
      throw new AssertionError("port " + README_PORT + " is taken; the README's walk-through needs it free", e);
    }
  }
}
