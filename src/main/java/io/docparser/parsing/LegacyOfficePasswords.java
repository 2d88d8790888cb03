package io.docparser.parsing;

import java.io.IOException;
import java.io.InputStream;
import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.PasswordProvider;
import org.apache.tika.parser.microsoft.OfficeParser;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Tika's parser for the legacy binary Office formats, taught to decrypt them. POI reads the password of an
 * encrypted .xls or .ppt from a thread-local, not from Tika's {@link PasswordProvider}, so this parser sets it from
 * the provider for the length of one parse and then puts back what was there (an embedded document's parse nests
 * inside its container's). Named in the Tika configuration that both the in-process parser and the child processes
 * load, in place of {@link OfficeParser}.
 */
public final class LegacyOfficePasswords extends OfficeParser {

  private static final long serialVersionUID = 1L;

  @Override
  public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
      throws IOException, SAXException, TikaException {
    PasswordProvider passwords = context.get(PasswordProvider.class);
    String before = Biff8EncryptionKey.getCurrentUserPassword();
    Biff8EncryptionKey.setCurrentUserPassword(passwords == null ? null : passwords.getPassword(metadata));
    try {
      super.parse(stream, handler, metadata, context);
    } finally {
      Biff8EncryptionKey.setCurrentUserPassword(before);
    }
  }
}
