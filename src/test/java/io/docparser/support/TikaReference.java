package io.docparser.support;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.EmptyParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.PasswordProvider;
import org.apache.tika.parser.RecursiveParserWrapper;
import org.apache.tika.sax.BasicContentHandlerFactory;
import org.apache.tika.sax.BasicContentHandlerFactory.HANDLER_TYPE;
import org.apache.tika.sax.RecursiveParserWrapperHandler;
import org.xml.sax.ContentHandler;

/**
 * What Tika itself makes of a document in-process, with its default configuration and its own handlers: the
 * reference every test compares the service's output with (DESIGN.md, "Text: what the same text as Tika means").
 * Nothing here asks the service's code; where the service differs from Tika by design, {@link ReferenceFormat}
 * says so and why. The password is given the two ways Tika's parsers read it: the ParseContext's PasswordProvider,
 * and the thread-local that POI's legacy Office parsers (.xls, .ppt) read instead.
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
    ContentHandler handler = ReferenceFormat.TEXT.newHandler();
    parseInline(document, filename, password, handler, new Metadata());
    return handler.toString();
  }

  /** What the service should make of a document as text. */
  public static Expected expect(byte[] document, String filename, String password) {
    return expect(document, filename, password, "text");
  }

  /**
   * What the service should make of a document in an output format ({@code text}, {@code markdown}, {@code html} or
   * {@code json}): completed with the content Tika's handler for that format writes, or failed with the code that
   * the exception Tika throws maps to (UNSUPPORTED_DOCUMENT_TYPE when Tika has no parser for the document).
   */
  public static Expected expect(byte[] document, String filename, String password, String format) {
    ReferenceFormat reference = ReferenceFormat.named(format);
    Metadata container = new Metadata();
    String content;
    try {
      if (reference == ReferenceFormat.JSON) {
        List<Metadata> documents = parseEachDocument(document, filename, password, container);
        content = ReferenceJson.write(documents);
        container = documents.isEmpty() ? container : withoutContent(documents.get(0));
      } else {
        content = parseInline(document, filename, password, reference.newHandler(), container);
      }
    } catch (Throwable failure) {
      return Expected.failed(reference, ReferenceFailures.code(failure), ReferenceFailures.describe(failure));
    }
    if (hadNoParser(container)) {
      return Expected.failed(reference, "UNSUPPORTED_DOCUMENT_TYPE",
          "Tika has no parser for " + container.get(Metadata.CONTENT_TYPE));
    }
    return new Expected(reference, "completed", null, null, content, toMap(container));
  }

  /** Whitespace runs folded to one space and the ends trimmed, as the comparison of texts is defined. */
  public static String normalise(String text) {
    return ReferenceFormat.TEXT.normalise(text);
  }

  private static String parseInline(byte[] document, String filename, String password, ContentHandler handler,
      Metadata metadata) throws Exception {
    withPassword(password, () -> {
      try (TikaInputStream in = TikaInputStream.get(document)) {
        PARSER.parse(in, handler, describe(metadata, filename), context(password));
      }
      return null;
    });
    return handler.toString();
  }

  /** One entry per document, the container first, as tika-server's /rmeta writes them. */
  private static List<Metadata> parseEachDocument(byte[] document, String filename, String password,
      Metadata metadata) throws Exception {
    RecursiveParserWrapperHandler handler = new RecursiveParserWrapperHandler(
        new BasicContentHandlerFactory(HANDLER_TYPE.TEXT, -1), -1);
    withPassword(password, () -> {
      try (TikaInputStream in = TikaInputStream.get(document)) {
        new RecursiveParserWrapper(PARSER).parse(in, handler, describe(metadata, filename), context(password));
      }
      return null;
    });
    return handler.getMetadataList();
  }

  private static Metadata withoutContent(Metadata document) {
    Metadata copy = new Metadata();
    for (String name : document.names()) {
      if (!name.equals(TikaCoreProperties.TIKA_CONTENT.getName())) {
        for (String value : document.getValues(name)) {
          copy.add(name, value);
        }
      }
    }
    return copy;
  }

  private static Metadata describe(Metadata metadata, String filename) {
    if (filename != null) {
      metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename);
    }
    return metadata;
  }

  private static ParseContext context(String password) {
    ParseContext context = new ParseContext();
    if (password != null) {
      context.set(PasswordProvider.class, ignored -> password);
    }
    return context;
  }

  private static void withPassword(String password, ThrowingAction parse) throws Exception {
    Biff8EncryptionKey.setCurrentUserPassword(password);
    try {
      parse.run();
    } finally {
      Biff8EncryptionKey.setCurrentUserPassword(null);
    }
  }

  /** A document that only Tika's EmptyParser touched had no parser. */
  private static boolean hadNoParser(Metadata metadata) {
    String[] parsedBy = metadata.getValues(TikaCoreProperties.TIKA_PARSED_BY);
    return parsedBy.length == 0 || Arrays.stream(parsedBy).allMatch(EmptyParser.class.getName()::equals);
  }

  private static Map<String, List<String>> toMap(Metadata metadata) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (String name : metadata.names()) {
      map.put(name, List.of(metadata.getValues(name)));
    }
    return map;
  }

  private interface ThrowingAction {
    Object run() throws Exception;
  }

  /**
   * The expected end of a job in one output format.
   *
   * @param status    {@code completed} or {@code failed}
   * @param errorCode the code of a failed job, else null
   * @param why       for a failed job, what Tika threw (or that it has no parser), to explain the code
   * @param content   for a completed job, the content Tika's handler wrote (for json, the array as JSON text)
   * @param metadata  for a completed job, the container's metadata
   */
  public record Expected(ReferenceFormat format, String status, String errorCode, String why, String content,
      Map<String, List<String>> metadata) {

    static Expected failed(ReferenceFormat format, String errorCode, String why) {
      return new Expected(format, "failed", errorCode, why, null, Map.of());
    }

    public boolean completed() {
      return "completed".equals(status);
    }

    /**
     * How the service's content differs from this, in a line that shows both around the first difference; empty
     * when they are the same by this format's comparison.
     *
     * @param actual the service's content: a string, or for json the array (as JSON text or as parsed JSON)
     */
    public Optional<String> difference(Object actual) {
      return format.difference(content, actual);
    }

    /** How the service's metadata of the document differs from Tika's; empty when it does not. */
    public Optional<String> metadataDifference(Map<String, List<String>> actual) {
      return ReferenceFormat.metadataDifference(metadata, actual);
    }
  }
}
