package io.docparser.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A directory made private to the node")
class PrivateDirectoriesTest {

  /** A user other than the one running the tests: nobody, on Debian. */
  static final int OTHER_UID = 65534;

  @TempDir
  Path temp;

  @Test
  @DisplayName("is created 0700 when it is missing, its missing parents with it")
  void createdPrivate() throws Exception {
    Path directory = temp.resolve("a/b/uploads");

    assertEquals(directory, PrivateDirectories.require(directory, ConfigKey.UPLOAD_DIR));
    assertEquals("rwx------", permissions(directory));
  }

  @Test
  @DisplayName("of this user is tightened to 0700, and the files in it to 0600")
  void existingOneIsTightened() throws Exception {
    Path directory = Files.createDirectory(temp.resolve("data"));
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path file = Files.createFile(directory.resolve("docparser.mv.db"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    PrivateDirectories.require(directory, ConfigKey.DATA_DIR);

    assertEquals("rwx------", permissions(directory));
    assertEquals("rw-------", permissions(file));
    try (var left = Files.list(directory)) {
      assertEquals(1, left.count(), "the ownership probe was left behind");
    }
  }

  @Test
  @DisplayName("that another user owns is refused, naming the setting, and left as it was")
  void anotherUsersDirectoryIsRefused() throws Exception {
    Prerequisites.require("root, to give a directory to another user", isRoot());
    Path directory = Files.createDirectory(temp.resolve("shared"));
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.setAttribute(directory, "unix:uid", OTHER_UID);

    ConfigException refused = assertThrows(ConfigException.class,
        () -> PrivateDirectories.require(directory, ConfigKey.UPLOAD_DIR));

    assertTrue(refused.getMessage().startsWith("DOCPARSER_UPLOAD_DIR (upload.dir) names " + directory),
        refused.getMessage());
    assertTrue(refused.getMessage().contains("which belongs to "), refused.getMessage());
    assertEquals("rwxrwxrwx", permissions(directory));
  }

  @Test
  @DisplayName("made for one start is removed with what it holds")
  void removedWithItsFiles() throws Exception {
    Path directory = PrivateDirectories.require(temp.resolve("per-start"), ConfigKey.UPLOAD_DIR);
    Files.writeString(Files.createDirectory(directory.resolve("part")).resolve("upload.part"), "left over");

    PrivateDirectories.removeQuietly(directory);

    assertFalse(Files.exists(directory));
  }

  static String permissions(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  static boolean isRoot() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
