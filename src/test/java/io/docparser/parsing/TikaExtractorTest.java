package io.docparser.parsing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.api.OutputFormat;
import io.docparser.support.TestDocuments;
import io.docparser.support.TikaReference;
import io.docparser.support.TikaReference.Expected;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Parsing with Tika in this JVM")
class TikaExtractorTest {

  private final TikaExtractor extractor = new TikaExtractor(1_000_000);

  @ParameterizedTest(name = "{0}")
  @EnumSource(OutputFormat.class)
  @DisplayName("a DOCX, a PDF, an HTML page and a ZIP of them give the content and metadata Tika's own handler gives")
  void sameResultAsTika(OutputFormat format) {
    Map<String, byte[]> documents = Map.of("report.docx", TestDocuments.docx(), "status.html", TestDocuments.html(),
        "pages.pdf", TestDocuments.pdf(List.of("First page of the report", "Second page, with totals")), "bundle.zip",
        TestDocuments.zip(Map.of("inner/report.docx", TestDocuments.docx(), "inner/figures.xlsx",
            TestDocuments.xlsx())));
    documents.forEach((name, bytes) -> {
      Expected expected = TikaReference.expect(bytes, name, null, format.wireName());
      ParseOutcome.Parsed parsed = assertInstanceOf(ParseOutcome.Parsed.class,
          extractor.parse(new ParseRequest("job-1", bytes, name, format, null)), name);
      assertEquals(Optional.empty(), expected.difference(parsed.result().content()), name);
      assertEquals(Optional.empty(), expected.metadataDifference(parsed.result().metadata()), name);
      assertEquals(expected.metadata().get("Content-Type").get(0), parsed.result().contentType(), name);
    });
  }

  @Test
  @DisplayName("plain text gives the text Tika gives")
  void plainTextEqualsTikas() throws Exception {
    byte[] text = "Zeile eins\nZeile zwei mit Umlauten: äöü\n".getBytes(StandardCharsets.UTF_8);

    ParseOutcome.Parsed parsed = assertInstanceOf(ParseOutcome.Parsed.class, extractor.parse(new ParseRequest("job-1", text, null, OutputFormat.TEXT, null)));

    assertEquals(TikaReference.normalise(TikaReference.text(text)), TikaReference.normalise(parsed.result().content()));
    assertTrue(parsed.result().contentType().startsWith("text/plain"));
  }

  @Test
  @DisplayName("an encrypted PDF without its password fails with the code Tika's EncryptedDocumentException gives")
  void encryptedPdfNeedsPassword() {
    byte[] pdf = TestDocuments.encryptedPdf(List.of("secret"), "s3cret");
    Expected expected = TikaReference.expect(pdf, null, null);

    ParseOutcome.Failed failed = assertInstanceOf(ParseOutcome.Failed.class, extractor.parse(new ParseRequest("job-1", pdf, null, OutputFormat.TEXT, null)));

    assertEquals(expected.errorCode(), failed.code().name(), expected.why());
    assertEquals("application/pdf", failed.detectedType());
  }

  @Test
  @DisplayName("a truncated PDF fails with the code of what Tika throws, and a message naming the type")
  void truncatedPdfIsCorrupt() {
    byte[] pdf = TestDocuments.pdf(List.of("a page that will be cut off"));
    byte[] truncated = Arrays.copyOf(pdf, pdf.length / 3);
    Expected expected = TikaReference.expect(truncated, null, null);

    ParseOutcome.Failed failed = assertInstanceOf(ParseOutcome.Failed.class, extractor.parse(new ParseRequest("job-1", truncated, null, OutputFormat.TEXT, null)));

    assertEquals(expected.errorCode(), failed.code().name(), expected.why());
    assertTrue(failed.message().contains("application/pdf"), failed.message());
    assertTrue(!failed.message().contains("Exception"), failed.message());
  }

  @Test
  @DisplayName("bytes Tika has no parser for fail as UNSUPPORTED_DOCUMENT_TYPE")
  void unknownBytesAreUnsupported() {
    byte[] noise = TestDocuments.noise(4096);
    Expected expected = TikaReference.expect(noise, null, null);

    ParseOutcome.Failed failed = assertInstanceOf(ParseOutcome.Failed.class,
        extractor.parse(new ParseRequest("job-1", noise, null, OutputFormat.TEXT, null)));

    assertEquals(expected.errorCode(), failed.code().name(), expected.why());
    assertTrue(failed.message().contains("application/octet-stream"), failed.message());
  }

  @Test
  @DisplayName("a legacy PowerPoint deck opens with its password, which Tika alone does not pass to POI")
  void encryptedPptOpensWithPassword() {
    byte[] ppt = TestDocuments.encryptedPpt("tika");

    ParseOutcome.Parsed opened = assertInstanceOf(ParseOutcome.Parsed.class,
        extractor.parse(new ParseRequest("job-1", ppt, "plan.ppt", OutputFormat.TEXT, "tika")));
    assertTrue(opened.result().content().contains("the board's secret plan"), opened.result().content());
    assertEquals(Optional.empty(), TikaReference.expect(ppt, "plan.ppt", "tika").difference(opened.result().content()));
  }

  @Test
  @DisplayName("a password opens its own document only: it does not linger for the next parse on the same thread")
  void passwordDoesNotOutliveItsParse() {
    byte[] xls = TestDocuments.encryptedXls("tika");
    byte[] ppt = TestDocuments.encryptedPpt("tika");

    ParseOutcome.Parsed opened = assertInstanceOf(ParseOutcome.Parsed.class,
        extractor.parse(new ParseRequest("job-1", xls, "secret.xls", OutputFormat.TEXT, "tika")));
    assertTrue(opened.result().content().contains("classified figure 42"));

    ParseOutcome.Failed locked = assertInstanceOf(ParseOutcome.Failed.class,
        extractor.parse(new ParseRequest("job-1", ppt, "plan.ppt", OutputFormat.TEXT, null)));
    Expected expected = TikaReference.expect(ppt, "plan.ppt", null);
    assertEquals("ENCRYPTED_DOCUMENT", expected.errorCode(), "Tika itself finds it encrypted: " + expected.why());
    assertEquals(expected.errorCode(), locked.code().name());
  }
}
