package io.docparser.support;

import io.docparser.config.DatabaseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;

/** Databases for tests that start a Hazelcast member in their own JVM. */
public final class TestDatabases {

  private TestDatabases() {
  }

  /** An embedded H2 database in a fresh directory, so that no test sees the jobs another one left behind. */
  public static DatabaseSettings embedded() {
    try {
      return new DatabaseSettings(Optional.empty(), "", "", Files.createTempDirectory("docparser-data"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
