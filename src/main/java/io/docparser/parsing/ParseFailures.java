package io.docparser.parsing;

import io.docparser.api.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.WriteLimitReachedException;


/**
 * Which stable code a parser's failure gets. Tika wraps what a parser throws, so the whole cause chain is read:
 * an encrypted document is recognised however deep its exception sits.
 */
public final class ParseFailures {

  /** How Tika's SecureContentHandler words what it stopped. */
  private static final String ZIP_BOMB = "zip bomb";
  private static final String ZIP_BOMB_MESSAGE =
      "the document expands far beyond its own size (a zip bomb, or nested too deeply); it is not parsed";
  private static final String CAUSED_BY = "Caused by: ";

  private ParseFailures() {
  }

  public static ErrorCode classify(Throwable failure) {
    List<Class<?>> chain = new ArrayList<>();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      chain.add(t.getClass());
    }
    return classify(chain);
  }

  /** The code for a failure a child process reported as a stack trace, by the exception classes it names. */
  static ErrorCode classify(String stackTrace) {
    return classify(exceptionClasses(stackTrace));
  }

  /** Whether the failure a child process reported is only the content limit being reached. */
  static boolean isWriteLimitReached(String stackTrace) {
    return exceptionClasses(stackTrace).stream().anyMatch(WriteLimitReachedException.class::isAssignableFrom);
  }

  private static ErrorCode classify(List<Class<?>> chain) {
    for (Class<?> type : chain) {
      if (EncryptedDocumentException.class.isAssignableFrom(type)
          || org.apache.poi.EncryptedDocumentException.class.isAssignableFrom(type)
          || org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException.class.isAssignableFrom(type)) {
        return ErrorCode.ENCRYPTED_DOCUMENT;
      }
      if (OutOfMemoryError.class.isAssignableFrom(type)) {
        return ErrorCode.PARSER_OUT_OF_MEMORY;
      }
      if (LinkageError.class.isAssignableFrom(type) || StackOverflowError.class.isAssignableFrom(type)) {
        return ErrorCode.PARSER_CRASHED;
      }
    }
    return ErrorCode.CORRUPT_DOCUMENT;
  }

  /**
   * The classes of a printed stack trace's exception and its causes: its first line and each "Caused by:" line
   * start with a class name. Classes this JVM does not know (a child's own parser's) are left out.
   */
  private static List<Class<?>> exceptionClasses(String stackTrace) {
    List<Class<?>> chain = new ArrayList<>();
    String[] lines = stackTrace.strip().split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (i == 0 || line.startsWith(CAUSED_BY)) {
        String named = (i == 0 ? line : line.substring(CAUSED_BY.length())).split("[:\\s]", 2)[0];
        loadable(named).ifPresent(chain::add);
      }
    }
    return chain;
  }

  private static Optional<Class<?>> loadable(String name) {
    try {
      return Optional.of(Class.forName(name, false, ParseFailures.class.getClassLoader()));
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.empty();
    }
  }

  /** The message for a failure, naming what Tika's guards caught where one of them did. */
  static String message(Throwable failure, ErrorCode code, String detectedType) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(ZIP_BOMB)) {
        return ZIP_BOMB_MESSAGE;
      }
    }
    return message(code, detectedType);
  }

  /** The message for a failure a child process reported as a stack trace. */
  static String message(String stackTrace, ErrorCode code, String detectedType) {
    return stackTrace.toLowerCase(Locale.ROOT).contains(ZIP_BOMB)
        ? ZIP_BOMB_MESSAGE
        : message(code, detectedType);
  }

  static String message(ErrorCode code, String detectedType) {
    String type = detectedType == null ? "document" : detectedType;
    return switch (code) {
      case ENCRYPTED_DOCUMENT -> "the document is encrypted, and the password is missing or wrong";
      case PARSER_OUT_OF_MEMORY -> "parsing the document needed more memory than the parser has";
      case PARSER_CRASHED -> "the parser failed on this document";
      case UNSUPPORTED_DOCUMENT_TYPE -> "documents of type " + type + " cannot be parsed by this service";
      default -> "the document is damaged or is not a valid " + type + " file";
    };
  }
}
