package io.docparser;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/** Replaces the bundled logging configuration with an operator's own file. */
final class LoggingSetup {

  private LoggingSetup() {
  }

  static void useLocalFileIfPresent(Path file) {
    if (!Files.isRegularFile(file) || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(file.toFile());
    } catch (JoranException e) {
      System.err.println("doc-parser-service: " + file + " is not a valid Logback configuration: " + e.getMessage());
    }
  }
}
