package io.docparser.support;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.ToHTMLContentHandler;
import org.apache.tika.sax.ToMarkdownContentHandler;
import org.xml.sax.ContentHandler;

/**
 * The output formats as Tika writes them, and what "the same" means for each when the service's output is compared
 * with Tika's. Each format is Tika's own handler over the whole document, embedded documents inline (DESIGN.md,
 * "Text: what the same text as Tika means"; openapi.yaml, OutputFormat): text is BodyContentHandler's, markdown
 * ToMarkdownContentHandler's, html ToHTMLContentHandler's (Tika's XHTML written as HTML), json one entry per
 * document from RecursiveParserWrapper (see {@link ReferenceJson}).
 */
public enum ReferenceFormat {

  /** Compared after whitespace is normalised, as DESIGN.md defines "the same text". */
  TEXT(() -> new BodyContentHandler(-1)) {
    @Override
    String normalise(String content) {
      return content.replaceAll("\\s+", " ").trim();
    }
  },

  /**
   * Compared line by line, since a line break carries markdown's structure (a heading, a list item, a table row):
   * trailing spaces and runs of blank lines do not count, which markdown renders the same.
   */
  MARKDOWN(ToMarkdownContentHandler::new) {
    @Override
    String normalise(String content) {
      return content.strip().lines().map(String::stripTrailing).collect(Collectors.joining("\n"))
          .replaceAll("\n{3,}", "\n\n");
    }
  },

  /**
   * Compared after whitespace is normalised (line breaks between elements do not change the document), with the
   * head's meta elements in one order: Tika writes them from the document's Metadata, which keeps no order.
   */
  HTML(ToHTMLContentHandler::new) {
    @Override
    String normalise(String content) {
      return metaInOrder(ServiceDifferences.comparableHtml(content)).replaceAll("\\s+", " ").trim();
    }
  },

  /** Compared entry by entry and key by key: see {@link ReferenceJson#difference}. */
  JSON(() -> {
    throw new UnsupportedOperationException("json has one handler per document, made by RecursiveParserWrapper");
  }) {
    @Override
    String normalise(String content) {
      return content;
    }

    @Override
    Optional<String> difference(String expected, Object actual) {
      return ReferenceJson.difference(expected, actual);
    }
  };

  private static final Pattern HEAD = Pattern.compile("<head>(.*?)</head>", Pattern.DOTALL);
  private static final Pattern META = Pattern.compile("<meta [^>]*>");
  /** How much of each side a difference shows around where they part. */
  private static final int CONTEXT = 60;

  private final Supplier<ContentHandler> handler;

  ReferenceFormat(Supplier<ContentHandler> handler) {
    this.handler = handler;
  }

  public static ReferenceFormat named(String wireName) {
    return valueOf(wireName.toUpperCase(Locale.ROOT));
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  ContentHandler newHandler() {
    return handler.get();
  }

  abstract String normalise(String content);

  Optional<String> difference(String expected, Object actual) {
    if (!(actual instanceof String text)) {
      return Optional.of("expected " + wireName() + " content as a string, got " + actual);
    }
    return firstDifference(normalise(expected), normalise(text));
  }

  private static String metaInOrder(String html) {
    Matcher head = HEAD.matcher(html);
    if (!head.find()) {
      return html;
    }
    List<String> metas = META.matcher(head.group(1)).results().map(MatchResult::group).sorted().toList();
    String rest = META.matcher(head.group(1)).replaceAll("");
    return html.substring(0, head.start(1)) + String.join("\n", metas) + rest + html.substring(head.end(1));
  }

  /** Both sides around the first character where they differ. */
  static Optional<String> firstDifference(String expected, String actual) {
    if (expected.equals(actual)) {
      return Optional.empty();
    }
    int at = 0;
    while (at < expected.length() && at < actual.length() && expected.charAt(at) == actual.charAt(at)) {
      at++;
    }
    return Optional.of("at character " + at + " (of " + expected.length() + " expected, " + actual.length()
        + " got): expected «" + excerpt(expected, at) + "», got «" + excerpt(actual, at) + "»");
  }

  private static String excerpt(String text, int at) {
    int from = Math.max(0, at - CONTEXT);
    int to = Math.min(text.length(), at + CONTEXT);
    return (from > 0 ? "…" : "") + text.substring(from, to).replace("\n", "⏎") + (to < text.length() ? "…" : "");
  }

  /** Metadata compared key by key, leaving out the keys whose values differ from one parse to the next. */
  static Optional<String> metadataDifference(Map<String, List<String>> expected, Map<String, List<String>> actual) {
    Map<String, List<String>> wanted = ServiceDifferences.comparableMetadata(expected);
    Map<String, List<String>> got = ServiceDifferences.comparableMetadata(actual);
    if (wanted.equals(got)) {
      return Optional.empty();
    }
    String differences = wanted.keySet().stream().filter(key -> !got.containsKey(key))
        .map(key -> "missing " + key + "=" + wanted.get(key)).collect(Collectors.joining("; "));
    String extra = got.keySet().stream().filter(key -> !wanted.containsKey(key))
        .map(key -> "unexpected " + key + "=" + got.get(key)).collect(Collectors.joining("; "));
    String changed = wanted.keySet().stream()
        .filter(key -> got.containsKey(key) && !wanted.get(key).equals(got.get(key)))
        .map(key -> key + ": expected " + wanted.get(key) + ", got " + got.get(key))
        .collect(Collectors.joining("; "));
    return Optional.of(Arrays.stream(new String[] {differences, extra, changed}).filter(s -> !s.isEmpty())
        .collect(Collectors.joining("; ")));
  }
}
