package io.docparser.parsing;

import io.docparser.api.ErrorCode;
import io.docparser.api.OutputFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.PasswordProvider;
import org.apache.tika.pipes.FetchEmitTuple;
import org.apache.tika.pipes.HandlerConfig;
import org.apache.tika.pipes.HandlerConfig.PARSE_MODE;
import org.apache.tika.pipes.PipesClient;
import org.apache.tika.pipes.PipesConfigBase;
import org.apache.tika.pipes.PipesResult;
import org.apache.tika.pipes.emitter.EmitKey;
import org.apache.tika.pipes.fetcher.FetchKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses in a child JVM of its own, through Tika's pipes ({@link PipesClient} and {@code PipesServer}): a parse
 * that hangs is stopped at the time limit, one that exhausts the child's heap or kills the child fails alone, and
 * the next parse gets a fresh child. One instance serves one parser slot, one parse at a time; {@link #stop} may
 * come from any thread, and kills the child in the middle of its parse (the parse then ends as
 * {@link ParseOutcome.Stopped}).
 */
public final class ChildProcessParser implements DocumentParser {

  private static final Logger LOG = LoggerFactory.getLogger(ChildProcessParser.class);
  /** File name extensions are kept (Tika's detection reads them); anything else of the client's name is not. */
  private static final Pattern EXTENSION = Pattern.compile("\\.[A-Za-z0-9]{1,10}$");
  /**
   * What Tika's pipes add to the container's metadata that a parse in this JVM would not have. Only the container's:
   * Tika's own parsers set the type override of embedded documents too (an e-mail's attachments), and those stay.
   */
  private static final List<String> PIPES_ONLY_METADATA = List.of(
      TikaCoreProperties.CONTENT_TYPE_PARSER_OVERRIDE.getName(), TikaCoreProperties.CONTAINER_EXCEPTION.getName(),
      TikaCoreProperties.PIPES_RESULT.getName());
  /**
   * The type override is the one of those set before the parse starts, so an html result's head, which lists the
   * metadata present then, names it in a meta element of its own; it goes, so that the html does not depend on
   * where the parse ran.
   */
  private static final Pattern PIPES_HTML_META = Pattern.compile("<meta name=\""
      + Pattern.quote(TikaCoreProperties.CONTENT_TYPE_PARSER_OVERRIDE.getName()) + "\" content=\"[^\"]*\"/?>\\R?");

  private final PipesConfigBase pipes;
  private final Path documents;
  private final int documentsPerChild;
  private final int maxChars;
  private final Consumer<String> restarts;
  private final Object lock = new Object();
  private PipesClient child;
  private int parsedByChild;
  private String runningJob;
  private boolean stopped;

  /** @param restarts told why, each time a child is replaced (timeout, out_of_memory, crash, recycled...) */
  ChildProcessParser(PipesConfigBase pipes, Path documents, int documentsPerChild, int maxChars,
      Consumer<String> restarts) {
    this.restarts = restarts;
    this.pipes = pipes;
    this.documents = documents;
    this.documentsPerChild = documentsPerChild;
    this.maxChars = maxChars;
  }

  @Override
  public ParseOutcome parse(ParseRequest request) {
    Path file = write(request);
    try {
      PipesResult result = begin(request.jobId()).process(tuple(request, file));
      return ended() ? stoppedFromOutside() : outcome(request, result);
    } catch (IOException | RuntimeException e) {
      if (ended()) {
        return stoppedFromOutside();
      }
      LOG.error("job {}: the parser process could not be started or reached: {}", request.jobId(), e.toString());
      replaceChild("unreachable");
      return unreachable();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      replaceChild("interrupted");
      return stoppedFromOutside();
    } finally {
      finish();
      retireWornOutChild();
      delete(file);
    }
  }

  /** A child that has parsed its quota is closed; the next parse starts a fresh one, free of any parser's leak. */
  private void retireWornOutChild() {
    PipesClient retired = null;
    synchronized (lock) {
      if (child != null && ++parsedByChild >= documentsPerChild) {
        retired = child;
        child = null;
      }
    }
    if (retired != null) {
      LOG.info("a parser process is replaced after {} documents", documentsPerChild);
      restarts.accept("recycled");
      closeQuietly(retired);
    }
  }

  @Override
  public void stop(String jobId) {
    PipesClient running;
    synchronized (lock) {
      if (!jobId.equals(runningJob) || child == null) {
        return;
      }
      stopped = true;
      running = child;
      child = null;
    }
    LOG.info("job {}: its parse is stopped, and its parser process killed", jobId);
    restarts.accept("cancelled");
    closeQuietly(running);
  }

  @Override
  public void close() {
    PipesClient running;
    synchronized (lock) {
      running = child;
      child = null;
    }
    closeQuietly(running);
  }

  private PipesClient begin(String jobId) {
    synchronized (lock) {
      if (child == null) {
        child = new PipesClient(pipes);
        parsedByChild = 0;
      }
      runningJob = jobId;
      stopped = false;
      return child;
    }
  }

  /** Whether the running parse was stopped from outside. */
  private boolean ended() {
    synchronized (lock) {
      return stopped;
    }
  }

  private void finish() {
    synchronized (lock) {
      runningJob = null;
      stopped = false;
    }
  }

  /** A child that failed in a way Tika's pipes do not recover from is closed; the next parse starts a new one. */
  private void replaceChild(String reason) {
    restarts.accept(reason);
    close();
  }

  private ParseOutcome outcome(ParseRequest request, PipesResult result) {
    return switch (result.getStatus()) {
      case PARSE_SUCCESS, PARSE_SUCCESS_WITH_EXCEPTION, PARSE_EXCEPTION_EMIT -> parsed(request, result);
      case TIMEOUT -> {
        LOG.warn("job {}: the parse took longer than {} ms and was stopped", request.jobId(), pipes.getTimeoutMillis());
        // Tika's pipes kill the child themselves and start another for the next document
        restarts.accept("timeout");
        yield new ParseOutcome.Failed(ErrorCode.PARSE_TIMEOUT, "parsing the document took longer than the limit of "
            + pipes.getTimeoutMillis() + " ms; the parser was stopped", detectedType(result));
      }
      case OOM -> {
        LOG.warn("job {}: the parser ran out of memory; its process is replaced", request.jobId());
        replaceChild("out_of_memory");
        yield failed(ErrorCode.PARSER_OUT_OF_MEMORY, result);
      }
      default -> {
        LOG.warn("job {}: the parser process ended with {}; it is replaced", request.jobId(), result.getStatus());
        replaceChild("crash");
        yield failed(ErrorCode.PARSER_CRASHED, result);
      }
    };
  }

  private ParseOutcome parsed(ParseRequest request, PipesResult result) {
    List<Metadata> documentsParsed = result.getEmitData().getMetadataList();
    Metadata container = documentsParsed.get(0);
    String failure = container.get(TikaCoreProperties.CONTAINER_EXCEPTION);
    boolean inline = request.format() != OutputFormat.JSON;
    boolean cut = failure != null && inline && ParseFailures.isWriteLimitReached(failure);
    if (failure != null && !cut) {
      ErrorCode code = ParseFailures.classify(failure);
      String type = container.get(Metadata.CONTENT_TYPE);
      LOG.info("job {}: parse failed with {}: {}", request.jobId(), code, failure.lines().findFirst().orElse(""));
      if (code == ErrorCode.PARSER_OUT_OF_MEMORY) {
        replaceChild("out_of_memory");
      }
      return new ParseOutcome.Failed(code, ParseFailures.message(failure, code, type), type);
    }
    removePipesMetadata(container);
    String type = container.get(Metadata.CONTENT_TYPE);
    JobResult content = inline
        ? new JobResult(inlineContent(request, container), TikaResults.withoutContent(container), type,
            cut || TikaResults.anyTruncated(documentsParsed))
        : new JobResult(RmetaJson.write(documentsParsed), TikaResults.withoutContent(container), type,
            TikaResults.anyTruncated(documentsParsed));
    return TikaResults.parsedOrUnsupported(container, content);
  }

  private static String inlineContent(ParseRequest request, Metadata container) {
    String content = container.get(TikaCoreProperties.TIKA_CONTENT);
    return request.format() == OutputFormat.HTML && content != null
        ? PIPES_HTML_META.matcher(content).replaceFirst("")
        : content;
  }

  private static void removePipesMetadata(Metadata metadata) {
    PIPES_ONLY_METADATA.forEach(metadata::remove);
  }

  private FetchEmitTuple tuple(ParseRequest request, Path file) {
    ParseContext context = new ParseContext();
    boolean inline = request.format() != OutputFormat.JSON;
    context.set(HandlerConfig.class, new HandlerConfig(TikaExtractor.handlerType(request.format()),
        inline ? PARSE_MODE.CONCATENATE : PARSE_MODE.RMETA, maxChars, -1, inline));
    if (request.password() != null) {
      context.set(PasswordProvider.class, new DocumentPassword(request.password()));
    }
    if (request.filename() != null) {
      context.set(DocumentFetcher.ClientFileName.class, new DocumentFetcher.ClientFileName(request.filename()));
    }
    return new FetchEmitTuple(request.jobId(), new FetchKey(TikaConfigs.FETCHER, file.getFileName().toString()),
        new EmitKey(), new Metadata(), context, FetchEmitTuple.ON_PARSE_EXCEPTION.EMIT);
  }

  /** The document goes to the child as a file, named by a fresh id and the extension of the client's name. */
  private Path write(ParseRequest request) {
    String name = request.filename() == null ? "" : request.filename();
    var extension = EXTENSION.matcher(name);
    String file = UUID.randomUUID() + (extension.find() ? extension.group().toLowerCase(Locale.ROOT) : "");
    try {
      return Files.write(documents.resolve(file), request.document());
    } catch (IOException e) {
      throw new UncheckedIOException("the document could not be handed to the parser process", e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("a parsed document's file could not be removed: {}", e.toString());
    }
  }

  private static ParseOutcome stoppedFromOutside() {
    return new ParseOutcome.Stopped();
  }

  private static ParseOutcome unreachable() {
    return new ParseOutcome.Failed(ErrorCode.PARSER_CRASHED,
        "the parser process could not be started or reached (the node's log says why); the document was not parsed",
        null);
  }

  private static ParseOutcome failed(ErrorCode code, PipesResult result) {
    String type = detectedType(result);
    return new ParseOutcome.Failed(code, ParseFailures.message(code, type), type);
  }

  /** The type the child detected before it failed, when it reported one. */
  private static String detectedType(PipesResult result) {
    return result.getEmitData() == null || result.getEmitData().getMetadataList().isEmpty()
        ? null
        : result.getEmitData().getMetadataList().get(0).get(Metadata.CONTENT_TYPE);
  }

  private static void closeQuietly(PipesClient client) {
    if (client == null) {
      return;
    }
    try {
      client.close();
    } catch (IOException e) {
      LOG.warn("a parser process did not close cleanly: {}", e.toString());
    }
  }
}
