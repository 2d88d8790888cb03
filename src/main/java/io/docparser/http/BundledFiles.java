package io.docparser.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Files the jar carries for the pages it serves: the pages themselves and the webjars whose files they load. */
final class BundledFiles {

  private BundledFiles() {
  }

  /** A class-path resource's bytes; blocking, so call it off the event loop. */
  static byte[] read(String name) {
    try (InputStream in = BundledFiles.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the jar does not hold " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Where a webjar's files sit on the class path. That path holds the webjar's version, read here from the webjar's
   * own pom.properties, so that an upgrade is a change of version in pom.xml alone. Blocking.
   */
  static String webjarRoot(String groupId, String artifactId) {
    Properties properties = new Properties();
    String described = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
    try (InputStream in = new ByteArrayInputStream(read(described))) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "META-INF/resources/webjars/" + artifactId + "/" + properties.getProperty("version");
  }
}
