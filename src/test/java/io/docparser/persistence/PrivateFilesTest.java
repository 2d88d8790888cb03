package io.docparser.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.docparser.config.OwnerSecret;
import io.docparser.config.DatabaseSettings;
import io.docparser.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The files of an embedded database")
class PrivateFilesTest {

  @Test
  @DisplayName("are created 0600, the trace file H2 writes on an error too")
  void areCreatedPrivate() throws Exception {
    DatabaseSettings settings = TestDatabases.embedded();
    try (Database database = Database.open(settings.standaloneTarget(), OwnerSecret.NONE);
        Connection connection = database.connection();
        Statement statement = connection.createStatement()) {
      statement.execute("SET TRACE_LEVEL_FILE 3");
      try {
        statement.execute("SELECT * FROM no_such_table");
      } catch (SQLException expected) {
        // the failure is what H2 writes to its trace file
      }
    }
    List<Path> files;
    try (Stream<Path> listed = Files.list(settings.dataDir())) {
      files = listed.toList();
    }
    assertFalse(files.isEmpty());
    for (Path file : files) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
    }
    assertEquals(2, files.size(), "the database and its trace file: " + files);
  }

  @Test
  @DisplayName("of a file database go through the private file system; other URLs are left as they are")
  void onlyFileDatabasesAreWrapped() {
    assertEquals("jdbc:h2:docparser-private:file:/data/docparser;WRITE_DELAY=0",
        PrivateFiles.url("jdbc:h2:file:/data/docparser;WRITE_DELAY=0"));
    assertEquals("jdbc:h2:tcp://db.example/~/docparser", PrivateFiles.url("jdbc:h2:tcp://db.example/~/docparser"));
    assertEquals("jdbc:postgresql://db.example/docparser", PrivateFiles.url("jdbc:postgresql://db.example/docparser"));
  }
}
