package io.docparser.support;

import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.PasswordProvider;
import org.apache.tika.sax.BodyContentHandler;

/**
 * What Tika itself makes of a document in-process (DESIGN.md, "Text: what the same text as Tika means"): the
 * reference every test compares the service's text with.
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
    BodyContentHandler handler = new BodyContentHandler(-1);
    Metadata metadata = new Metadata();
    if (filename != null) {
      metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename);
    }
    ParseContext context = new ParseContext();
    if (password != null) {
      context.set(PasswordProvider.class, ignored -> password);
    }
    try (TikaInputStream in = TikaInputStream.get(document)) {
      PARSER.parse(in, handler, metadata, context);
    }
    return handler.toString();
  }

  /** Whitespace runs folded to one space and the ends trimmed, as the comparison of texts is defined. */
  public static String normalise(String text) {
    return text.replaceAll("\\s+", " ").trim();
  }
}
