package io.docparser.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.XHTMLContentHandler;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * A parser that misbehaves on purpose, for the tests of process isolation only: it is never on the service's own
 * class path. The tests compile it and hand it to the parser child processes through DOCPARSER_PARSER_CLASSPATH.
 * A document is one line, {@code DOCPARSER-HOSTILE <command> [argument]}:
 * <ul>
 *   <li>{@code hang}: never returns;</li>
 *   <li>{@code allocate}: allocates memory until the heap is exhausted;</li>
 *   <li>{@code exit}: ends its JVM at once, as a native crash would;</li>
 *   <li>{@code slow <pid-file> [millis]}: writes its JVM's process id to the file, then sleeps (a minute unless
 *       told) and returns "slow document";</li>
 *   <li>{@code pid <pid-file>}: writes its JVM's process id to the file and returns "slow document" at once;</li>
 *   <li>{@code hold <directory>}: creates {@code started} in the directory, then waits until the test creates
 *       {@code released} there, and returns "held document": a parse that lasts exactly as long as a test wants.</li>
 *   <li>{@code wait <pid-file> <release-file>}: writes its JVM's process id to the file, then returns "slow
 *       document" once the release file exists: a held parse whose process the test can also kill.</li>
 * </ul>
 */
public final class HostileParser implements Parser {

  private static final long serialVersionUID = 1L;
  private static final Set<MediaType> TYPES = Set.of(MediaType.application("x-docparser-hostile"));
  /** Often enough that a released parse ends at once, seen from a test. */
  private static final long RELEASE_CHECK_MS = 20;

  @Override
  public Set<MediaType> getSupportedTypes(ParseContext context) {
    return TYPES;
  }

  @Override
  public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
      throws IOException, SAXException {
    String[] words = new String(stream.readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+");
    switch (words[1]) {
      case "hang" -> sleep(Long.MAX_VALUE);
      case "allocate" -> allocate();
      case "exit" -> Runtime.getRuntime().halt(134);
      case "slow" -> {
        Files.writeString(Path.of(words[2]), Long.toString(ProcessHandle.current().pid()));
        sleep(words.length > 3 ? Long.parseLong(words[3]) : 60_000);
      }
      case "pid" -> Files.writeString(Path.of(words[2]), Long.toString(ProcessHandle.current().pid()));
      case "hold" -> hold(Path.of(words[2]));
      case "wait" -> {
        Files.writeString(Path.of(words[2]), Long.toString(ProcessHandle.current().pid()));
        awaitFile(Path.of(words[3]));
      }
      default -> throw new IOException("unknown command " + words[1]);
    }
    XHTMLContentHandler xhtml = new XHTMLContentHandler(handler, metadata);
    xhtml.startDocument();
    xhtml.element("p", words[1].equals("hold") ? "held document" : "slow document");
    xhtml.endDocument();
  }

  /** Polls: the parse runs in a process of its own, which the test can reach only through files. */
  private static void hold(Path directory) throws IOException {
    Files.writeString(directory.resolve("started"), Long.toString(ProcessHandle.current().pid()));
    awaitFile(directory.resolve("released"));
  }

  private static void allocate() {
    List<long[]> hoard = new ArrayList<>();
    while (true) {
      hoard.add(new long[1 << 20]);
    }
  }

  private static void awaitFile(Path file) throws IOException {
    while (!Files.exists(file)) {
      sleep(RELEASE_CHECK_MS);
    }
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
