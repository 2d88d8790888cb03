package io.docparser.support;

import io.docparser.api.ErrorCode;
import io.docparser.parsing.ParseFailures;
import java.util.Arrays;
import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.EmptyParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.PasswordProvider;
import org.apache.tika.sax.BodyContentHandler;

/**
 * What Tika itself makes of a document in-process (DESIGN.md, "Text: what the same text as Tika means"): the
 * reference every test compares the service's text with. The password is given the two ways Tika's parsers read
 * it: the ParseContext's PasswordProvider, and the thread-local that POI's legacy Office parsers (.ppt) use.
 */
public final class TikaReference {

  private static final AutoDetectParser PARSER = new AutoDetectParser();

  private TikaReference() {
  }

  public static String text(byte[] document) throws Exception {
    return text(document, null, null);
  }

  /** The text with the file name as a detection hint, and the password (either may be null). */
  public static String text(byte[] document, String filename, String password) throws Exception {
    return parse(document, filename, password, new Metadata());
  }

  /**
   * What the service should make of a document: completed with Tika's text, or failed with the code that the
   * exception Tika throws maps to (UNSUPPORTED_DOCUMENT_TYPE when Tika has no parser for it).
   */
  public static Expected expect(byte[] document, String filename, String password) {
    Metadata metadata = new Metadata();
    String text;
    try {
      text = parse(document, filename, password, metadata);
    } catch (Throwable failure) {
      return new Expected("failed", ParseFailures.classify(failure).name(), null);
    }
    String[] parsedBy = metadata.getValues(TikaCoreProperties.TIKA_PARSED_BY);
    if (parsedBy.length == 0 || Arrays.stream(parsedBy).allMatch(EmptyParser.class.getName()::equals)) {
      return new Expected("failed", ErrorCode.UNSUPPORTED_DOCUMENT_TYPE.name(), null);
    }
    return new Expected("completed", null, text);
  }

  private static String parse(byte[] document, String filename, String password, Metadata metadata)
      throws Exception {
    BodyContentHandler handler = new BodyContentHandler(-1);
    if (filename != null) {
      metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename);
    }
    ParseContext context = new ParseContext();
    if (password != null) {
      context.set(PasswordProvider.class, ignored -> password);
    }
    Biff8EncryptionKey.setCurrentUserPassword(password);
    try (TikaInputStream in = TikaInputStream.get(document)) {
      PARSER.parse(in, handler, metadata, context);
    } finally {
      Biff8EncryptionKey.setCurrentUserPassword(null);
    }
    return handler.toString();
  }

  /** The expected end of a job: its status, its error code (failed only) and its text (completed only). */
  public record Expected(String status, String errorCode, String text) {
  }

  /** Whitespace runs folded to one space and the ends trimmed, as the comparison of texts is defined. */
  public static String normalise(String text) {
    return text.replaceAll("\\s+", " ").trim();
  }
}
