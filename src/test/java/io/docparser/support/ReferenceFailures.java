package io.docparser.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which error code a job gets when Tika, parsing in-process, throws: DESIGN.md's job failure codes, read from the
 * classes of what Tika and the libraries it drives throw. Written here as a table of its own, so that a test never
 * learns a code from the code under test.
 */
final class ReferenceFailures {

  /** The code for any other exception: Tika read the document and found it damaged (or hostile: a zip bomb). */
  static final String OTHERWISE = "CORRUPT_DOCUMENT";

  /**
   * Checked in order against each exception of the cause chain, the outermost first. An encrypted document is
   * reported by Tika's own exception, or, where Tika passes the library's exception on, by POI's and PDFBox's.
   */
  private static final Map<Class<? extends Throwable>, String> CODES = new LinkedHashMap<>();

  static {
    CODES.put(org.apache.tika.exception.EncryptedDocumentException.class, "ENCRYPTED_DOCUMENT");
    CODES.put(org.apache.poi.EncryptedDocumentException.class, "ENCRYPTED_DOCUMENT");
    CODES.put(org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException.class, "ENCRYPTED_DOCUMENT");
    CODES.put(OutOfMemoryError.class, "PARSER_OUT_OF_MEMORY");
    CODES.put(StackOverflowError.class, "PARSER_CRASHED");
    CODES.put(LinkageError.class, "PARSER_CRASHED");
  }

  private ReferenceFailures() {
  }

  static String code(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      for (Map.Entry<Class<? extends Throwable>, String> entry : CODES.entrySet()) {
        if (entry.getKey().isInstance(t)) {
          return entry.getValue();
        }
      }
    }
    return OTHERWISE;
  }

  /** The exceptions of a failure's cause chain, one line each, to say in a test's message why a code is expected. */
  static String describe(Throwable failure) {
    StringBuilder chain = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      chain.append(chain.isEmpty() ? "" : " <- ").append(t.getClass().getName()).append(": ").append(t.getMessage());
    }
    return chain.toString();
  }
}
