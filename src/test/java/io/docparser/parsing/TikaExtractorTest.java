package io.docparser.parsing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.api.ErrorCode;
import io.docparser.api.OutputFormat;
import io.docparser.support.TestDocuments;
import io.docparser.support.TikaReference;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Parsing with Tika in this JVM")
class TikaExtractorTest {

  private final TikaExtractor extractor = new TikaExtractor(1_000_000);

  @Test
  @DisplayName("a multi-page PDF gives the text Tika gives, with its media type and metadata")
  void pdfTextEqualsTikas() throws Exception {
    byte[] pdf = TestDocuments.pdf(List.of("First page of the report", "Second page, with totals"));

    ParseOutcome.Parsed parsed = assertInstanceOf(ParseOutcome.Parsed.class, extractor.parse(new ParseRequest("job-1", pdf, "report.pdf", OutputFormat.TEXT, null)));

    assertEquals(TikaReference.normalise(TikaReference.text(pdf)), TikaReference.normalise(parsed.result().content()));
    assertTrue(parsed.result().content().contains("Second page, with totals"));
    assertEquals("application/pdf", parsed.result().contentType());
    assertEquals(List.of("2"), parsed.result().metadata().get("xmpTPg:NPages"));
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
  @DisplayName("an encrypted PDF without its password fails as ENCRYPTED_DOCUMENT")
  void encryptedPdfNeedsPassword() {
    byte[] pdf = TestDocuments.encryptedPdf(List.of("secret"), "s3cret");

    ParseOutcome.Failed failed = assertInstanceOf(ParseOutcome.Failed.class, extractor.parse(new ParseRequest("job-1", pdf, null, OutputFormat.TEXT, null)));

    assertEquals(ErrorCode.ENCRYPTED_DOCUMENT, failed.code());
    assertEquals("application/pdf", failed.detectedType());
  }

  @Test
  @DisplayName("a truncated PDF fails as CORRUPT_DOCUMENT with a message naming the type")
  void truncatedPdfIsCorrupt() {
    byte[] pdf = TestDocuments.pdf(List.of("a page that will be cut off"));
    byte[] truncated = Arrays.copyOf(pdf, pdf.length / 3);

    ParseOutcome.Failed failed = assertInstanceOf(ParseOutcome.Failed.class, extractor.parse(new ParseRequest("job-1", truncated, null, OutputFormat.TEXT, null)));

    assertEquals(ErrorCode.CORRUPT_DOCUMENT, failed.code());
    assertTrue(failed.message().contains("application/pdf"), failed.message());
    assertTrue(!failed.message().contains("Exception"), failed.message());
  }

  @Test
  @DisplayName("bytes of no known type fail as UNSUPPORTED_DOCUMENT_TYPE")
  void unknownBytesAreUnsupported() {
    ParseOutcome.Failed failed = assertInstanceOf(ParseOutcome.Failed.class,
        extractor.parse(new ParseRequest("job-1", TestDocuments.noise(4096), null, OutputFormat.TEXT, null)));

    assertEquals(ErrorCode.UNSUPPORTED_DOCUMENT_TYPE, failed.code());
    assertTrue(failed.message().contains("application/octet-stream"), failed.message());
  }

  @Test
  @DisplayName("a legacy PowerPoint deck opens with its password, which Tika alone does not pass to POI")
  void encryptedPptOpensWithPassword() {
    byte[] ppt = TestDocuments.encryptedPpt("tika");

    ParseOutcome.Parsed opened = assertInstanceOf(ParseOutcome.Parsed.class,
        extractor.parse(new ParseRequest("job-1", ppt, "plan.ppt", OutputFormat.TEXT, "tika")));
    assertTrue(opened.result().content().contains("the board's secret plan"), opened.result().content());
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
    assertEquals(ErrorCode.ENCRYPTED_DOCUMENT, locked.code());
  }
}
