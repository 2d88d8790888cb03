package io.docparser;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Replaces the bundled logging configuration with an operator's own file, and applies the service's settings to it:
 * the root level, and the node's id on every line.
 */
final class LoggingSetup {

  private LoggingSetup() {
  }

  /** After the configuration is read: every line names its node, and the root logger has the configured level. */
  static void apply(String nodeId, String level) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.putProperty("node_id", nodeId);
      context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level, Level.INFO));
    }
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
