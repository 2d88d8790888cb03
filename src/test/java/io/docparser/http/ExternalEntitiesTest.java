package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.api.ErrorCode;
import io.docparser.api.OutputFormat;
import io.docparser.parsing.ParseOutcome;
import io.docparser.parsing.ParseRequest;
import io.docparser.parsing.TikaExtractor;
import io.docparser.support.ApiClient;
import io.docparser.support.DeployedNode;
import io.docparser.support.TestDocuments;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Documents that try to read a local file through XML external entities: the file's content must never reach a
 * job's status or result, whether the document is parsed in a child JVM (through the API) or in this one. Each
 * document is first shown to be a live attack: a JDK XML parser with default settings does read the file.
 */
@DisplayName("XML external entities")
class ExternalEntitiesTest {

  private static final String MARKER = "XXE-MARKER-" + UUID.randomUUID();
  private static final String VISIBLE = "visible text";
  /** XML, SVG and XHTML parse, with the entity left empty: Tika's XML readers resolve no entity. */
  private static final boolean PARSED_WITHOUT_IT = true;
  /**
   * An entity whose declaration was never loaded is an error, and POI refuses any DOCTYPE in an OOXML part: such a
   * document fails as CORRUPT_DOCUMENT.
   */
  private static final boolean REFUSED = false;
  private static final TikaExtractor IN_PROCESS = new TikaExtractor(1_000_000);

  @RegisterExtension
  static final DeployedNode node = DeployedNode.with(Map.of());

  @TempDir
  static Path secrets;
  private static String secretUri;
  private static String secretDtdUri;

  @BeforeAll
  static void writeSecrets() throws IOException {
    Path secret = Files.writeString(secrets.resolve("secret.txt"), MARKER);
    secretUri = secret.toUri().toString();
    Path dtd = Files.writeString(secrets.resolve("secret.dtd"), "<!ENTITY ext SYSTEM \"" + secretUri + "\">");
    secretDtdUri = dtd.toUri().toString();
  }

  static Stream<Arguments> documents() {
    return Stream.of(
        Arguments.of("XML", "doc.xml", xml("doc", ""), PARSED_WITHOUT_IT),
        Arguments.of("XML pulling the entity from an external DTD", "doc.xml", xmlWithExternalDtd(), REFUSED),
        Arguments.of("SVG", "image.svg", xml("svg", " xmlns=\"http://www.w3.org/2000/svg\""), PARSED_WITHOUT_IT),
        Arguments.of("XHTML", "page.xhtml", xml("html", " xmlns=\"http://www.w3.org/1999/xhtml\""),
            PARSED_WITHOUT_IT),
        Arguments.of("DOCX", "report.docx", docxWithEntity(), REFUSED));
  }

  /** A document whose DOCTYPE declares an entity that is the secret file, and whose text uses it. */
  private static byte[] xml(String root, String attributes) {
    return ("<?xml version=\"1.0\"?>\n<!DOCTYPE " + root + " [<!ENTITY ext SYSTEM \"" + secretUri + "\">]>\n<" + root
        + attributes + "><p>" + VISIBLE + "</p><p>&ext;</p></" + root + ">").getBytes(StandardCharsets.UTF_8);
  }

  /** A document whose DOCTYPE loads a local DTD (a parameter entity) that declares the entity it uses. */
  private static byte[] xmlWithExternalDtd() {
    return ("<?xml version=\"1.0\"?>\n<!DOCTYPE doc [<!ENTITY % remote SYSTEM \"" + secretDtdUri + "\"> %remote;]>\n"
        + "<doc><p>" + VISIBLE + "</p><p>&ext;</p></doc>").getBytes(StandardCharsets.UTF_8);
  }

  /** A DOCX whose main part declares the same entity and uses it in a paragraph. */
  private static byte[] docxWithEntity() {
    return rewriteEntry(TestDocuments.docx(), "word/document.xml", part -> part
        .replaceFirst("\\?>", "?><!DOCTYPE document [<!ENTITY ext SYSTEM \"" + secretUri + "\">]>")
        .replace("Revenue grew in every region.", VISIBLE + " &amp; &ext;"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  @DisplayName("each document is a live attack: a JDK parser with default settings reads the secret file")
  void documentReadsTheFileWithDefaultSettings(String kind, String filename, byte[] document, boolean parses)
      throws Exception {
    byte[] xml = filename.endsWith(".docx") ? entry(document, "word/document.xml") : document;
    // Deliberately a default factory: it shows what an unguarded parser does with these documents.
    String text = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml))
        .getDocumentElement().getTextContent();

    assertTrue(text.contains(MARKER), text);
  }

  @ParameterizedTest(name = "{0}, through the API in a child JVM")
  @MethodSource("documents")
  @DisplayName("the secret file never reaches a job's status or result (isolation process)")
  void entityIsNotResolvedThroughTheApi(String kind, String filename, byte[] document, boolean parses) {
    for (String format : new String[] {"text", "json"}) {
      String jobId = ApiClient.acceptedId(node.api().submitBase64(document,
          Map.of("filename", filename, "output_format", format)));
      JsonObject status = node.api().awaitTerminal(jobId);
      assertFalse(status.encode().contains(MARKER), status.encode());
      assertEquals(parses ? "completed" : "failed", status.getString("status"), status.encode());
      String result = node.api().get("/result/" + jobId).body();
      assertFalse(result.contains(MARKER), result);
      assertTrue(!parses || result.contains(VISIBLE), "the document was parsed: " + result);
      assertTrue(parses || status.getString("error_code").equals("CORRUPT_DOCUMENT"), status.encode());
    }
  }

  @ParameterizedTest(name = "{0}, in this JVM")
  @MethodSource("documents")
  @DisplayName("the secret file never reaches a result parsed in the node's own JVM (isolation none)")
  void entityIsNotResolvedInProcess(String kind, String filename, byte[] document, boolean parses) {
    for (OutputFormat format : new OutputFormat[] {OutputFormat.TEXT, OutputFormat.JSON}) {
      ParseOutcome outcome = IN_PROCESS.parse(new ParseRequest("xxe", document, filename, format, null));
      if (parses) {
        ParseOutcome.Parsed parsed = assertInstanceOf(ParseOutcome.Parsed.class, outcome);
        String everything = parsed.result().content() + parsed.result().metadata();
        assertFalse(everything.contains(MARKER), everything);
        assertTrue(everything.contains(VISIBLE), everything);
      } else {
        ParseOutcome.Failed failed = assertInstanceOf(ParseOutcome.Failed.class, outcome);
        assertEquals(ErrorCode.CORRUPT_DOCUMENT, failed.code());
        assertFalse(failed.message().contains(MARKER), failed.message());
      }
    }
  }

  private static byte[] entry(byte[] zip, String name) throws IOException {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        if (entry.getName().equals(name)) {
          return in.readAllBytes();
        }
      }
    }
    throw new AssertionError(name + " not in the archive");
  }

  private static byte[] rewriteEntry(byte[] zip, String name, UnaryOperator<String> change) {
    ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
        ZipOutputStream out = new ZipOutputStream(rewritten)) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        byte[] content = in.readAllBytes();
        if (entry.getName().equals(name)) {
          content = change.apply(new String(content, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        }
        out.putNextEntry(new ZipEntry(entry.getName()));
        out.write(content);
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rewritten.toByteArray();
  }
}
