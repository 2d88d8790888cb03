package io.docparser.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.CompositeParser;
import org.apache.tika.parser.microsoft.OfficeParser;
import org.apache.tika.sax.ToTextContentHandler;
import org.apache.tika.sax.WriteOutContentHandler;

/**
 * Where the service's output may differ from Tika's in-process parse with its default configuration, each with the
 * reason it is not a defect. Everything not listed here must be the same. None of these touches a document's content:
 * they are all in the metadata that names how Tika was run.
 */
final class ServiceDifferences {

  /**
   * Keys whose values are measured, not read from the document: how long the parse took differs from one parse of
   * the same document to the next, in-process and in a child alike.
   */
  static final Set<String> VOLATILE_KEYS = Set.of("X-TIKA:parse_time_millis");

  /**
   * DESIGN.md's reference hands the password to Tika in the ParseContext. Tika's OfficeParser does not pass it on
   * to POI for the legacy formats (.xls, .ppt), so the service's Tika configuration names a subclass of OfficeParser
   * that does, beside Tika's DefaultParser without OfficeParser (the reference sets POI's thread-local itself). Tika
   * records which parsers ran: the subclass in OfficeParser's place, and the CompositeParser that Tika makes of a
   * configuration naming two parsers, before them.
   */
  private static final String SERVICE_OFFICE_PARSER = "io.docparser.parsing.LegacyOfficePasswords";
  private static final String SERVICE_COMPOSITION = CompositeParser.class.getName();
  private static final Set<String> PARSER_KEYS = Set.of(TikaCoreProperties.TIKA_PARSED_BY.getName(),
      TikaCoreProperties.TIKA_PARSED_BY_FULL_SET.getName());
  /** How the same parsers are named in the html output's head, one meta element per value. */
  private static final String HTML_COMPOSITION = "<meta name=\"" + TikaCoreProperties.TIKA_PARSED_BY.getName()
      + "\" content=\"" + SERVICE_COMPOSITION + "\">";

  /**
   * The service bounds every document's content (DESIGN.md property 5, max.text.chars), so Tika's handler is wrapped
   * in its WriteOutContentHandler, and RecursiveParserWrapper names the wrapper as each entry's handler; the
   * reference, unbounded, has Tika's handler bare.
   */
  private static final String CONTENT_HANDLER = TikaCoreProperties.TIKA_CONTENT_HANDLER.getName();

  private ServiceDifferences() {
  }

  /** The values of one key of the service's output as Tika's own parse would have written them. */
  static List<String> asTikaWrites(String key, List<String> values) {
    if (PARSER_KEYS.contains(key)) {
      return values.stream().filter(value -> !value.equals(SERVICE_COMPOSITION))
          .map(value -> value.equals(SERVICE_OFFICE_PARSER) ? OfficeParser.class.getName() : value).toList();
    }
    if (key.equals(CONTENT_HANDLER)) {
      return values.stream().map(value -> value.equals(WriteOutContentHandler.class.getSimpleName())
          ? ToTextContentHandler.class.getSimpleName() : value).toList();
    }
    return values;
  }

  /** The service's html output as Tika's own parse would have written it: its head names the parsers that ran. */
  static String inHtml(String html) {
    return html.replace(HTML_COMPOSITION, "")
        .replace("content=\"" + SERVICE_OFFICE_PARSER + "\"", "content=\"" + OfficeParser.class.getName() + "\"");
  }

  static Map<String, List<String>> comparableMetadata(Map<String, List<String>> metadata) {
    Map<String, List<String>> comparable = new LinkedHashMap<>();
    metadata.forEach((key, values) -> {
      if (!VOLATILE_KEYS.contains(key)) {
        comparable.put(key, asTikaWrites(key, values));
      }
    });
    return comparable;
  }
}
