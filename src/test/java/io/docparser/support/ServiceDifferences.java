package io.docparser.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.CompositeParser;
import org.apache.tika.parser.DefaultParser;
import org.apache.tika.parser.microsoft.OfficeParser;
import org.apache.tika.sax.ToTextContentHandler;
import org.apache.tika.sax.WriteOutContentHandler;

/**
 * Where the service's output may differ from Tika's in-process parse with its default configuration, each with the
 * reason it is not a defect, and the values that differ from one parse to the next. Everything not listed here must
 * be the same. None of these touches a document's content: they are all metadata of how Tika ran. Each is applied to
 * both sides of a comparison.
 */
final class ServiceDifferences {

  /**
   * Keys whose values are not read from the document, and differ from one parse of the same document to the next,
   * in-process and in a child alike: how long the parse took; and the name and time of the temp file that Tika's
   * image parsers write an image to, which the image library reports as if they were the image's.
   */
  private static final Set<String> VOLATILE_KEYS = Set.of("X-TIKA:parse_time_millis", "File Name", "File Modified Date");
  /**
   * The nodes of the JDK's standard image metadata tree, which Tika's ImageParser flattens into keys ("Chroma
   * ColorSpaceType"): which of the image readers registered with ImageIO reads an image (the JDK's own, or
   * jai-imageio's for BMP and TIFF) is not fixed from one JVM to the next, and each fills the tree differently.
   */
  private static final Set<String> IMAGE_READER_TREE = Set.of("Chroma", "Compression", "Data", "Dimension",
      "Document", "Transparency");

  /**
   * DESIGN.md's reference hands the password to Tika in the ParseContext. Tika's OfficeParser does not pass it on
   * to POI for the legacy formats (.doc, .xls, .ppt), so the service's Tika configuration names a subclass of OfficeParser
   * that does, beside Tika's DefaultParser without OfficeParser (the reference sets POI's thread-local itself). Tika
   * records every parser a document passed through: the subclass in OfficeParser's place, and the composite parsers
   * on the way to it, which depend on how a configuration groups the parsers (the service's is a CompositeParser of
   * the two; Tika's default is one DefaultParser). So the parsers are compared without the composites, as a set: the
   * parsers that read the document are the same.
   */
  private static final String SERVICE_OFFICE_PARSER = "io.docparser.parsing.LegacyOfficePasswords";
  private static final Set<String> COMPOSITES = Set.of(CompositeParser.class.getName(),
      DefaultParser.class.getName());
  private static final Set<String> PARSER_KEYS = Set.of(TikaCoreProperties.TIKA_PARSED_BY.getName(),
      TikaCoreProperties.TIKA_PARSED_BY_FULL_SET.getName());
  private static final Pattern HTML_UNCOMPARED = Pattern.compile("<meta name=\"(" + anyOf(VOLATILE_KEYS) + "|"
      + anyOf(IMAGE_READER_TREE) + " [^\"]*)\" content=\"[^\"]*\"/?>");
  /** The same parsers named in the html output's head, one meta element per value. */
  private static final Pattern HTML_COMPOSITE = Pattern.compile("<meta name=\"X-TIKA:Parsed-By(-Full-Set)?\" content=\""
      + anyOf(COMPOSITES) + "\"/?>");

  /**
   * The service bounds every document's content (DESIGN.md property 5, max.text.chars), so Tika's handler is wrapped
   * in its WriteOutContentHandler, and RecursiveParserWrapper names the wrapper as each entry's handler; the
   * reference, unbounded, has Tika's handler bare.
   */
  private static final String CONTENT_HANDLER = TikaCoreProperties.TIKA_CONTENT_HANDLER.getName();

  private ServiceDifferences() {
  }

  /** The values of one key, of the service's output or Tika's, as they are compared. */
  static List<String> comparable(String key, List<String> values) {
    if (PARSER_KEYS.contains(key)) {
      return values.stream().filter(value -> !COMPOSITES.contains(value))
          .map(value -> value.equals(SERVICE_OFFICE_PARSER) ? OfficeParser.class.getName() : value)
          .distinct().sorted().toList();
    }
    if (key.equals(CONTENT_HANDLER)) {
      return values.stream().map(value -> value.equals(WriteOutContentHandler.class.getSimpleName())
          ? ToTextContentHandler.class.getSimpleName() : value).toList();
    }
    return values;
  }

  /** An html output, the service's or Tika's, as it is compared: its head lists the metadata, parsers included. */
  static String comparableHtml(String html) {
    return HTML_UNCOMPARED.matcher(HTML_COMPOSITE.matcher(html).replaceAll("")).replaceAll("")
        .replace("content=\"" + SERVICE_OFFICE_PARSER + "\"", "content=\"" + OfficeParser.class.getName() + "\"");
  }

  private static String anyOf(Set<String> texts) {
    return texts.stream().map(Pattern::quote).collect(Collectors.joining("|", "(", ")"));
  }

  /** Whether a key's values are compared at all: not when they differ from one parse, or one JVM, to the next. */
  static boolean compared(String key) {
    return !VOLATILE_KEYS.contains(key) && !IMAGE_READER_TREE.contains(key.split(" ", 2)[0]);
  }

  static Map<String, List<String>> comparableMetadata(Map<String, List<String>> metadata) {
    Map<String, List<String>> comparable = new LinkedHashMap<>();
    metadata.forEach((key, values) -> {
      if (compared(key)) {
        comparable.put(key, comparable(key, values));
      }
    });
    return comparable;
  }
}
