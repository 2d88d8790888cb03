package io.docparser.http;

/**
 * A client's file name made fit to keep and show. It is metadata and a type-detection hint, never part of a path,
 * but it is shown in job status, logged and handed to Tika as the resource name: so it loses control and invisible
 * formatting characters (CR, LF and NUL could forge log lines; a right-to-left override disguises an extension), any
 * directory part, with either slash ({@code ../../etc/passwd} is {@code passwd}, {@code C:\docs\a.pdf} is
 * {@code a.pdf}), and everything past {@value #MAX_CHARS} characters but its extension.
 */
final class FileNames {

  static final int MAX_CHARS = 255;
  /** Longer than any real extension, short enough that a cut name keeps most of its stem. */
  private static final int MAX_EXTENSION_CHARS = 16;

  private FileNames() {
  }

  /** The cleaned name, or null when nothing usable is left (as for no name at all). */
  static String clean(String name) {
    if (name == null) {
      return null;
    }
    String visible = withoutInvisible(name).replace('\\', '/');
    String last = visible.substring(visible.lastIndexOf('/') + 1).strip();
    if (last.isEmpty() || last.equals(".") || last.equals("..")) {
      return null;
    }
    return bounded(last);
  }

  private static String withoutInvisible(String name) {
    StringBuilder kept = new StringBuilder(name.length());
    name.codePoints().filter(c -> !isInvisible(c)).forEach(kept::appendCodePoint);
    return kept.toString();
  }

  private static boolean isInvisible(int codePoint) {
    int type = Character.getType(codePoint);
    return Character.isISOControl(codePoint) || type == Character.FORMAT || type == Character.SURROGATE
        || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
  }

  private static String bounded(String name) {
    int length = name.codePointCount(0, name.length());
    if (length <= MAX_CHARS) {
      return name;
    }
    int dot = name.lastIndexOf('.');
    String extension = dot > 0 && name.codePointCount(dot, name.length()) <= MAX_EXTENSION_CHARS
        ? name.substring(dot) : "";
    int stemChars = MAX_CHARS - extension.codePointCount(0, extension.length());
    return name.substring(0, name.offsetByCodePoints(0, stemChars)) + extension;
  }
}
