package io.docparser.parsing;

import io.docparser.api.ErrorCode;
import java.util.Locale;
import org.apache.tika.exception.EncryptedDocumentException;


/**
 * Which stable code a parser's failure gets. Tika wraps what a parser throws, so the whole cause chain is read:
 * an encrypted document is recognised however deep its exception sits.
 */
public final class ParseFailures {

  /** How Tika's SecureContentHandler words what it stopped. */
  private static final String ZIP_BOMB = "zip bomb";

  private ParseFailures() {
  }

  public static ErrorCode classify(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof EncryptedDocumentException
          || t instanceof org.apache.poi.EncryptedDocumentException
          || t instanceof org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException) {
        return ErrorCode.ENCRYPTED_DOCUMENT;
      }
      if (t instanceof OutOfMemoryError) {
        return ErrorCode.PARSER_OUT_OF_MEMORY;
      }
      if (t instanceof LinkageError || t instanceof StackOverflowError) {
        return ErrorCode.PARSER_CRASHED;
      }
    }
    return ErrorCode.CORRUPT_DOCUMENT;
  }

  /** The message for a failure, naming what Tika's guards caught where one of them did. */
  static String message(Throwable failure, ErrorCode code, String detectedType) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(ZIP_BOMB)) {
        return "the document expands far beyond its own size (a zip bomb, or nested too deeply); it is not parsed";
      }
    }
    return message(code, detectedType);
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
