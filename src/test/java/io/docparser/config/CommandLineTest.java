package io.docparser.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reading the command line before the launcher does")
class CommandLineTest {

  @Test
  @DisplayName("-conf is found in each spelling the launcher accepts")
  void confArgument() {
    assertEquals("a.json", CommandLine.confArgument(new String[] {"-conf", "a.json"}));
    assertEquals("b.json", CommandLine.confArgument(new String[] {"-cluster", "--conf", "b.json"}));
    assertEquals("c.json", CommandLine.confArgument(new String[] {"--conf=c.json"}));
    assertNull(CommandLine.confArgument(new String[] {"-cluster"}));
  }

  @Test
  @DisplayName("-cluster is recognised in each spelling the launcher accepts")
  void clustered() {
    assertTrue(CommandLine.isClustered(new String[] {"-cluster"}));
    assertTrue(CommandLine.isClustered(new String[] {"--cluster"}));
    assertTrue(CommandLine.isClustered(new String[] {"-conf", "x.json", "-c"}));
    assertFalse(CommandLine.isClustered(new String[] {"-conf", "cluster.json"}));
  }
}
