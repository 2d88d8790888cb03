package io.docparser.parsing;

import io.docparser.api.ErrorCode;
import io.docparser.api.OutputFormat;
import io.docparser.jobs.JobResult;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Parses documents in this JVM with Tika's AutoDetectParser, the way Tika itself is used in-process: embedded
 * documents inline for text, markdown and html, and one entry per document for json (Tika's
 * RecursiveParserWrapper, as tika-server's /rmeta). Every failure, including errors that are not exceptions,
 * becomes a {@link ParseOutcome.Failed} with a stable code, so no document can take the caller down with it.
 */
public final class TikaExtractor implements DocumentParser {

  private static final Logger LOG = LoggerFactory.getLogger(TikaExtractor.class);
  private static final String EMPTY_PARSER = EmptyParser.class.getName();

  private final AutoDetectParser parser = new AutoDetectParser();
  private final int maxChars;
  private final List<String> supportedTypes;

  /**
   * Loads every parser on the class path, which takes a while: construct off the event loop.
   *
   * @param maxChars how much content one document may produce before it is cut (and marked truncated)
   */
  public TikaExtractor(int maxChars) {
    this.maxChars = maxChars;
    this.supportedTypes = parser.getSupportedTypes(new ParseContext()).stream().map(Object::toString).sorted()
        .toList();
  }

  /** The media types this build has a parser for. */
  public List<String> supportedTypes() {
    return supportedTypes;
  }

  @Override
  public ParseOutcome parse(ParseRequest request) {
    Metadata metadata = new Metadata();
    if (request.filename() != null) {
      metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, request.filename());
    }
    ParseContext context = new ParseContext();
    if (request.password() != null) {
      context.set(PasswordProvider.class, ignored -> request.password());
    }
    // POI's legacy Office parsers (.ppt among them) read the password from a thread-local, not from Tika's
    // PasswordProvider; it is set for this parse only, so that no password outlives its job on this thread.
    Biff8EncryptionKey.setCurrentUserPassword(request.password());
    try (TikaInputStream in = TikaInputStream.get(request.document())) {
      return request.format() == OutputFormat.JSON
          ? parseEachDocument(in, metadata, context)
          : parseInline(in, metadata, context, request.format());
    } catch (Throwable failure) {
      ErrorCode code = ParseFailures.classify(failure);
      if (failure instanceof Error) {
        LOG.error("the parser failed with {}", failure.toString());
      } else {
        LOG.info("parse failed with {}: {}", code, failure.toString());
      }
      String type = metadata.get(Metadata.CONTENT_TYPE);
      return new ParseOutcome.Failed(code, ParseFailures.message(failure, code, type), type);
    } finally {
      Biff8EncryptionKey.setCurrentUserPassword(null);
    }
  }

  private ParseOutcome parseInline(TikaInputStream in, Metadata metadata, ParseContext context, OutputFormat format)
      throws IOException, SAXException, TikaException {
    ContentHandler handler = new BasicContentHandlerFactory(handlerType(format), maxChars).getNewContentHandler();
    boolean truncated = false;
    try {
      parser.parse(in, handler, metadata, context);
    } catch (SAXException | TikaException e) {
      if (!WriteLimitReachedException.isWriteLimitReached(e)) {
        throw e;
      }
      truncated = true;
    }
    return parsedOrUnsupported(metadata, new JobResult(handler.toString(), toMap(metadata),
        metadata.get(Metadata.CONTENT_TYPE), truncated));
  }

  private ParseOutcome parseEachDocument(TikaInputStream in, Metadata metadata, ParseContext context)
      throws IOException, SAXException, TikaException {
    RecursiveParserWrapperHandler handler = new RecursiveParserWrapperHandler(
        new BasicContentHandlerFactory(HANDLER_TYPE.TEXT, maxChars, false, context), -1);
    new RecursiveParserWrapper(parser).parse(in, handler, metadata, context);
    List<Metadata> documents = handler.getMetadataList();
    Metadata container = documents.isEmpty() ? metadata : documents.get(0);
    boolean truncated = documents.stream().anyMatch(d -> "true".equals(d.get(TikaCoreProperties.WRITE_LIMIT_REACHED)));
    return parsedOrUnsupported(container, new JobResult(RmetaJson.write(documents), withoutContent(container),
        container.get(Metadata.CONTENT_TYPE), truncated));
  }

  private static ParseOutcome parsedOrUnsupported(Metadata container, JobResult result) {
    String[] parsedBy = container.getValues(TikaCoreProperties.TIKA_PARSED_BY);
    if (parsedBy.length == 0 || Arrays.stream(parsedBy).allMatch(EMPTY_PARSER::equals)) {
      String type = result.contentType() == null ? "application/octet-stream" : result.contentType();
      return new ParseOutcome.Failed(ErrorCode.UNSUPPORTED_DOCUMENT_TYPE,
          ParseFailures.message(ErrorCode.UNSUPPORTED_DOCUMENT_TYPE, type), type);
    }
    return new ParseOutcome.Parsed(result);
  }

  private static HANDLER_TYPE handlerType(OutputFormat format) {
    return switch (format) {
      case TEXT -> HANDLER_TYPE.BODY;
      case MARKDOWN -> HANDLER_TYPE.MARKDOWN;
      case HTML -> HANDLER_TYPE.HTML;
      case JSON -> HANDLER_TYPE.TEXT;
    };
  }

  static Map<String, List<String>> toMap(Metadata metadata) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (String name : metadata.names()) {
      map.put(name, List.of(metadata.getValues(name)));
    }
    return map;
  }

  private static Map<String, List<String>> withoutContent(Metadata metadata) {
    Map<String, List<String>> map = toMap(metadata);
    map.remove(TikaCoreProperties.TIKA_CONTENT.getName());
    return map;
  }
}
