package io.docparser.parsing;

import io.docparser.api.ErrorCode;
import io.docparser.api.OutputFormat;
import java.io.IOException;
import java.util.List;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
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
  private final AutoDetectParser parser = new AutoDetectParser(TikaConfigs.inProcess());
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
      context.set(PasswordProvider.class, new DocumentPassword(request.password()));
    }
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
    return TikaResults.parsedOrUnsupported(metadata, new JobResult(handler.toString(), TikaResults.toMap(metadata),
        metadata.get(Metadata.CONTENT_TYPE), truncated));
  }

  private ParseOutcome parseEachDocument(TikaInputStream in, Metadata metadata, ParseContext context)
      throws IOException, SAXException, TikaException {
    RecursiveParserWrapperHandler handler = new RecursiveParserWrapperHandler(
        new BasicContentHandlerFactory(HANDLER_TYPE.TEXT, maxChars, false, context), -1);
    new RecursiveParserWrapper(parser).parse(in, handler, metadata, context);
    List<Metadata> documents = handler.getMetadataList();
    Metadata container = documents.isEmpty() ? metadata : documents.get(0);
    return TikaResults.parsedOrUnsupported(container, new JobResult(RmetaJson.write(documents),
        TikaResults.withoutContent(container), container.get(Metadata.CONTENT_TYPE), TikaResults.anyTruncated(documents)));
  }

  static HANDLER_TYPE handlerType(OutputFormat format) {
    return switch (format) {
      case TEXT -> HANDLER_TYPE.BODY;
      case MARKDOWN -> HANDLER_TYPE.MARKDOWN;
      case HTML -> HANDLER_TYPE.HTML;
      case JSON -> HANDLER_TYPE.TEXT;
    };
  }
}
