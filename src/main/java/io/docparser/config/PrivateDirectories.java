package io.docparser.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Directories that only the node's own user may enter: the upload dir, which holds documents while they arrive, and
 * the data dir, which holds every job, document and result. A missing one is created 0700, an existing one the node
 * owns is tightened to 0700 (its files to 0600), and one that another user owns is refused: that user could read
 * what the node writes there, or swap it.
 */
public final class PrivateDirectories {

  static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private PrivateDirectories() {
  }

  /**
   * Makes {@code directory} private to this node, or fails naming the setting that chose it. Blocking.
   *
   * @param setting the setting named in the error: DOCPARSER_UPLOAD_DIR or DOCPARSER_DATA_DIR
   */
  public static Path require(Path directory, ConfigKey setting) {
    try {
      if (Files.notExists(directory)) {
        createPrivately(directory);
      }
      requireOwnedByThisUser(directory, setting);
      tighten(directory);
      return directory;
    } catch (IOException e) {
      throw new ConfigException(setting.describe() + " names " + directory + ", which cannot be made private to"
          + " this node: " + e);
    }
  }

  private static void createPrivately(Path directory) throws IOException {
    if (POSIX) {
      Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY));
    } else {
      Files.createDirectories(directory);
    }
  }

  /** Removes the directory and what it holds; what cannot be removed is left. */
  public static void removeQuietly(Path directory) {
    try (Stream<Path> tree = Files.walk(directory)) {
      tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // nothing more to do at stop
    }
  }

  /**
   * The node's user is the owner of a file it has just made: Java has no call for the effective user, and
   * {@code user.name} names none when the process runs as a user without a passwd entry (as containers often do).
   */
  private static void requireOwnedByThisUser(Path directory, ConfigKey setting) throws IOException {
    Path probe = Files.createTempFile(directory, ".owner-", ".probe");
    UserPrincipal self;
    try {
      self = Files.getOwner(probe);
    } finally {
      Files.delete(probe);
    }
    UserPrincipal owner = Files.getOwner(directory);
    if (!owner.equals(self)) {
      throw new ConfigException(setting.describe() + " names " + directory + ", which belongs to " + owner.getName()
          + ", not to " + self.getName() + " who runs this node; name a directory of this user's own");
    }
  }

  private static void tighten(Path directory) throws IOException {
    if (!POSIX) {
      return;
    }
    Files.setPosixFilePermissions(directory, DIRECTORY);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, Files::isRegularFile)) {
      for (Path file : files) {
        Files.setPosixFilePermissions(file, FILE);
      }
    }
  }
}
