package io.docparser.parsing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.exception.TikaException;
import org.apache.tika.parser.DefaultParser;
import org.apache.tika.parser.microsoft.OfficeParser;
import org.apache.tika.utils.XMLReaderUtils;
import org.xml.sax.SAXException;

/**
 * The one Tika configuration of the service, for parses in this JVM and in child processes alike, so that both
 * give the same text. It names Tika's guards against hostile documents explicitly (the limits are Tika's own
 * defaults, kept visible here): SecureContentHandler stops a document whose output exceeds its input a hundredfold
 * once past a million characters (a zip bomb), and nesting deeper than these depths is refused.
 */
public final class TikaConfigs {

  /** The fetcher name a child process reads documents through. */
  static final String FETCHER = "documents";

  static final long OUTPUT_THRESHOLD = 1_000_000;
  static final long MAXIMUM_COMPRESSION_RATIO = 100;
  static final int MAXIMUM_DEPTH = 100;
  static final int MAXIMUM_PACKAGE_ENTRY_DEPTH = 10;

  private TikaConfigs() {
  }

  /**
   * The configuration for parsing in this JVM. Loads every parser on the class path: call it off the event loop.
   * The parsers are those the calling thread's context class loader finds (Tika's own default is the loader of its
   * classes), so that a deployment given a class loader of its own parses with the parsers it holds.
   */
  public static TikaConfig inProcess() {
    try {
      byte[] configuration = xml(null).getBytes(StandardCharsets.UTF_8);
      return new TikaConfig(XMLReaderUtils.buildDOM(new ByteArrayInputStream(configuration)).getDocumentElement(),
          Thread.currentThread().getContextClassLoader());
    } catch (TikaException | IOException | SAXException e) {
      throw new IllegalStateException("the built-in Tika configuration does not load", e);
    }
  }

  /**
   * The configuration file's text.
   *
   * @param documents the directory a child process reads documents from, or null in this JVM
   */
  static String xml(Path documents) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <properties>
          <parsers>
            <parser class="%s">
              <parser-exclude class="%s"/>
            </parser>
            <parser class="%s"/>
          </parsers>
          <autoDetectParserConfig>
            <outputThreshold>%d</outputThreshold>
            <maximumCompressionRatio>%d</maximumCompressionRatio>
            <maximumDepth>%d</maximumDepth>
            <maximumPackageEntryDepth>%d</maximumPackageEntryDepth>
          </autoDetectParserConfig>
        %s</properties>
        """.formatted(DefaultParser.class.getName(), OfficeParser.class.getName(),
        LegacyOfficePasswords.class.getName(), OUTPUT_THRESHOLD, MAXIMUM_COMPRESSION_RATIO, MAXIMUM_DEPTH,
        MAXIMUM_PACKAGE_ENTRY_DEPTH, documents == null ? "" : fetchers(documents));
  }

  private static String fetchers(Path documents) {
    return """
          <fetchers>
            <fetcher class="%s">
              <name>%s</name>
              <directory>%s</directory>
            </fetcher>
          </fetchers>
        """.formatted(DocumentFetcher.class.getName(), FETCHER, xmlText(documents.toAbsolutePath().toString()));
  }

  private static String xmlText(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
