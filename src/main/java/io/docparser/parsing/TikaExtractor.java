package io.docparser.parsing;

import io.docparser.api.ErrorCode;
import io.docparser.jobs.JobResult;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.EmptyParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.SAXException;

/**
 * Parses documents in this JVM with Tika's AutoDetectParser, the way Tika itself is used in-process: plain text,
 * embedded documents inline. Every failure, including errors that are not exceptions, becomes a
 * {@link ParseOutcome.Failed} with a stable code, so no document can take the caller down with it.
 */
public final class TikaExtractor implements DocumentParser {

  private static final Logger LOG = LoggerFactory.getLogger(TikaExtractor.class);
  private static final String EMPTY_PARSER = EmptyParser.class.getName();
  private static final String UNKNOWN_TYPE = "application/octet-stream";

  private final Parser parser = new AutoDetectParser();

  @Override
  public ParseOutcome parse(byte[] document, String filename) {
    Metadata metadata = new Metadata();
    if (filename != null) {
      metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename);
    }
    BodyContentHandler handler = new BodyContentHandler(-1);
    try (TikaInputStream in = TikaInputStream.get(document)) {
      parser.parse(in, handler, metadata, new ParseContext());
      return parsedOrUnsupported(handler.toString(), metadata);
    } catch (EncryptedDocumentException e) {
      return failed(ErrorCode.ENCRYPTED_DOCUMENT,
          "the document is encrypted and cannot be read without its password", metadata, e);
    } catch (ZeroByteFileException e) {
      return failed(ErrorCode.CORRUPT_DOCUMENT, "the document is empty", metadata, e);
    } catch (TikaException | SAXException | IOException e) {
      return failed(ErrorCode.CORRUPT_DOCUMENT,
          "the document is damaged or is not a valid " + describe(metadata) + " file", metadata, e);
    } catch (OutOfMemoryError e) {
      return failed(ErrorCode.PARSER_OUT_OF_MEMORY,
          "parsing the document needed more memory than the parser has", metadata, e);
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      return failed(ErrorCode.PARSER_CRASHED, "the parser failed on this document", metadata, e);
    }
  }

  private static ParseOutcome parsedOrUnsupported(String text, Metadata metadata) {
    String type = contentType(metadata);
    if (parsedOnlyByEmptyParser(metadata)) {
      return new ParseOutcome.Failed(ErrorCode.UNSUPPORTED_DOCUMENT_TYPE,
          "documents of type " + (type == null ? UNKNOWN_TYPE : type) + " cannot be parsed by this service", type);
    }
    return new ParseOutcome.Parsed(new JobResult(text, toMap(metadata), type, false));
  }

  private static boolean parsedOnlyByEmptyParser(Metadata metadata) {
    String[] parsedBy = metadata.getValues(TikaCoreProperties.TIKA_PARSED_BY);
    return parsedBy.length == 0 || Arrays.stream(parsedBy).allMatch(EMPTY_PARSER::equals);
  }

  private static ParseOutcome failed(ErrorCode code, String message, Metadata metadata, Throwable cause) {
    LOG.info("parse failed with {}: {}", code, cause.toString());
    return new ParseOutcome.Failed(code, message, contentType(metadata));
  }

  private static String contentType(Metadata metadata) {
    return metadata.get(Metadata.CONTENT_TYPE);
  }

  private static String describe(Metadata metadata) {
    String type = contentType(metadata);
    return type == null ? "document" : type;
  }

  private static Map<String, List<String>> toMap(Metadata metadata) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (String name : metadata.names()) {
      map.put(name, List.of(metadata.getValues(name)));
    }
    return map;
  }
}
