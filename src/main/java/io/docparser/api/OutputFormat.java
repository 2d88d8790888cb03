package io.docparser.api;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The forms a job's content can be delivered in, with the media type of each when fetched raw. */
public enum OutputFormat {
  /** Plain text, as Tika's BodyContentHandler writes it. */
  TEXT("text/plain; charset=utf-8"),
  /** Markdown: headings, lists, tables and links kept. */
  MARKDOWN("text/markdown; charset=utf-8"),
  /** Tika's XHTML, serialised as HTML. */
  HTML("text/html; charset=utf-8"),
  /** The container and every embedded document, each with its metadata and content (like tika-server's /rmeta). */
  JSON("application/json; charset=utf-8");

  private final String rawContentType;

  OutputFormat(String rawContentType) {
    this.rawContentType = rawContentType;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String rawContentType() {
    return rawContentType;
  }

  public static Optional<OutputFormat> fromWireName(String name) {
    return Arrays.stream(values()).filter(format -> format.wireName().equals(name)).findFirst();
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(OutputFormat::wireName).toList();
  }
}
