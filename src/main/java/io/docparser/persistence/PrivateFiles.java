package io.docparser.persistence;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * H2's files, made 0600 from the start: H2 creates its database, trace and temp files with the process's umask
 * (0644 as a rule), and Java cannot change a process's umask. An embedded database opened through this file system
 * ({@link #url}) has every file it creates made readable and writable by the node's user alone. Public, with a
 * public constructor, only because H2 makes an instance for each path by reflection.
 */
public final class PrivateFiles extends FilePathWrapper {

  private static final String SCHEME = "docparser-private";
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  static {
    FilePath.register(new PrivateFiles());
  }

  public PrivateFiles() {
  }

  /** The H2 URL of an embedded file database, through this file system; any other URL as it is. */
  static String url(String jdbcUrl) {
    String file = "jdbc:h2:file:";
    return POSIX && jdbcUrl.startsWith(file)
        ? "jdbc:h2:" + SCHEME + ":file:" + jdbcUrl.substring(file.length())
        : jdbcUrl;
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public FileChannel open(String mode) throws IOException {
    if (mode.contains("w")) {
      createPrivately();
    }
    return super.open(mode);
  }

  @Override
  public OutputStream newOutputStream(boolean append) throws IOException {
    createPrivately();
    return super.newOutputStream(append);
  }

  @Override
  public boolean createFile() {
    try {
      Files.createFile(path(), PosixFilePermissions.asFileAttribute(FILE));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public FilePath createTempFile(String suffix, boolean inTempDir) throws IOException {
    FilePath created = super.createTempFile(suffix, inTempDir);
    Files.setPosixFilePermissions(Path.of(created.unwrap().toString()), FILE);
    return created;
  }

  private void createPrivately() throws IOException {
    FileAttribute<Set<PosixFilePermission>> privately = PosixFilePermissions.asFileAttribute(FILE);
    try {
      Files.createFile(path(), privately);
    } catch (FileAlreadyExistsException existing) {
      // H2 opens its existing files too; those are tightened when the node starts
    }
  }

  private Path path() {
    return Path.of(getBase().toString());
  }
}
