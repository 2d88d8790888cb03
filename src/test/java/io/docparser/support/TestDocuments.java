package io.docparser.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.hslf.usermodel.HSLFSlideShow;
import org.apache.poi.hslf.usermodel.HSLFTextBox;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFAbstractNum;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFNumbering;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTAbstractNum;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTLvl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STNumberFormat;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/** Real documents made by the tests themselves, with the libraries Tika brings along. */
public final class TestDocuments {

  private TestDocuments() {
  }

  /** A PDF with one page per line of text. */
  public static byte[] pdf(List<String> pages) {
    return pdf(pages, null);
  }

  /** The same PDF, encrypted so that it opens only with {@code password}. */
  public static byte[] encryptedPdf(List<String> pages, String password) {
    return pdf(pages, password);
  }

  /** A DOCX with a heading, a bulleted list and a table. */
  public static byte[] docx() {
    try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      document.createStyles().addStyle(headingStyle());
      XWPFParagraph heading = document.createParagraph();
      heading.setStyle("Heading1");
      heading.createRun().setText("Quarterly Report");
      document.createParagraph().createRun().setText("Revenue grew in every region.");
      XWPFNumbering numbering = document.createNumbering();
      BigInteger list = numbering.addNum(numbering.addAbstractNum(new XWPFAbstractNum(bulletList())));
      for (String item : List.of("North grew", "South grew")) {
        XWPFParagraph paragraph = document.createParagraph();
        paragraph.setNumID(list);
        paragraph.setNumILvl(BigInteger.ZERO);
        paragraph.createRun().setText(item);
      }
      XWPFTable table = document.createTable(2, 2);
      table.getRow(0).getCell(0).setText("Region");
      table.getRow(0).getCell(1).setText("Revenue");
      table.getRow(1).getCell(0).setText("North");
      table.getRow(1).getCell(1).setText("120");
      document.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An XLSX with one sheet of figures. */
  public static byte[] xlsx() {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSSFSheet sheet = workbook.createSheet("Figures");
      sheet.createRow(0).createCell(0).setCellValue("Quarter");
      sheet.getRow(0).createCell(1).setCellValue("Revenue");
      sheet.createRow(1).createCell(0).setCellValue("Q1");
      sheet.getRow(1).createCell(1).setCellValue(1234.5);
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A PPTX with two slides of text. */
  public static byte[] pptx() {
    try (XMLSlideShow show = new XMLSlideShow(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      for (String text : List.of("Slide one: the plan", "Slide two: the results")) {
        XSLFTextBox box = show.createSlide().createTextBox();
        box.setAnchor(new java.awt.Rectangle(50, 50, 400, 100));
        box.setText(text);
      }
      show.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An HTML page with a heading, a list and a link. */
  public static byte[] html() {
    return ("<!DOCTYPE html><html><head><title>Status page</title></head><body>"
        + "<h1>Service status</h1><ul><li>API up</li><li>Workers up</li></ul>"
        + "<p>See <a href=\"https://example.org/docs\">the docs</a>.</p></body></html>")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A ZIP archive holding the given entries. */
  public static byte[] zip(Map<String, byte[]> entries) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
      zip.finish();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The DOCX of {@link #docx()}, encrypted (ECMA-376 agile encryption) with {@code password}. */
  public static byte[] encryptedDocx(String password) {
    try (POIFSFileSystem filesystem = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
      encryptor.confirmPassword(password);
      try (OutputStream encrypted = encryptor.getDataStream(filesystem)) {
        encrypted.write(docx());
      }
      filesystem.writeFilesystem(out);
      return out.toByteArray();
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Word's built-in "heading 1", which parsers read as a first-level heading. */
  private static XWPFStyle headingStyle() {
    CTStyle style = CTStyle.Factory.newInstance();
    style.setStyleId("Heading1");
    style.setType(STStyleType.PARAGRAPH);
    style.addNewName().setVal("heading 1");
    style.addNewPPr().addNewOutlineLvl().setVal(BigInteger.ZERO);
    return new XWPFStyle(style);
  }

  /** A legacy Excel (.xls) workbook encrypted with {@code password} (POI encrypts while its thread-local is set). */
  public static byte[] encryptedXls(String password) {
    Biff8EncryptionKey.setCurrentUserPassword(password);
    try (HSSFWorkbook workbook = new HSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      workbook.createSheet("Secret").createRow(0).createCell(0).setCellValue("classified figure 42");
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      Biff8EncryptionKey.setCurrentUserPassword(null);
    }
  }

  /** A legacy PowerPoint (.ppt) deck encrypted with {@code password} (POI encrypts while its thread-local is set). */
  public static byte[] encryptedPpt(String password) {
    Biff8EncryptionKey.setCurrentUserPassword(password);
    try (HSLFSlideShow show = new HSLFSlideShow(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      HSLFTextBox box = show.createSlide().createTextBox();
      box.setAnchor(new java.awt.Rectangle(50, 50, 400, 100));
      box.setText("the board's secret plan");
      show.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      Biff8EncryptionKey.setCurrentUserPassword(null);
    }
  }

  private static CTAbstractNum bulletList() {
    CTAbstractNum abstractNum = CTAbstractNum.Factory.newInstance();
    abstractNum.setAbstractNumId(BigInteger.ONE);
    CTLvl level = abstractNum.addNewLvl();
    level.setIlvl(BigInteger.ZERO);
    level.addNewNumFmt().setVal(STNumberFormat.BULLET);
    level.addNewLvlText().setVal("•");
    return abstractNum;
  }

  /**
   * A ZIP whose one small entry expands to {@code megabytes} MB of text: a zip bomb, in miniature. Tika calls a
   * document a bomb once its output passes a hundred times the bytes it has read, and reads this one whole (about
   * 1 KiB a MB) before it expands it: a bomb of N MB is caught after about N × 100 000 characters, so one under 200 MB
   * is caught before the default max.text.chars (20 000 000) merely cuts it.
   */
  public static byte[] zipBomb(int megabytes) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("expands.txt"));
      byte[] block = "a".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < megabytes; i++) {
        zip.write(block);
      }
      zip.closeEntry();
      zip.finish();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The "billion laughs": XML whose nested entities expand exponentially. */
  public static byte[] billionLaughs() {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
    for (int i = 1; i <= 9; i++) {
      String previous = i == 1 ? "lol" : "lol" + (i - 1);
      xml.append("<!ENTITY lol").append(i).append(" \"").append(("&" + previous + ";").repeat(10)).append("\">\n");
    }
    xml.append("]>\n<lolz>&lol9;</lolz>\n");
    return xml.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Bytes that no parser recognises. */
  public static byte[] noise(int size) {
    byte[] bytes = new byte[size];
    new Random(42).nextBytes(bytes);
    return bytes;
  }

  private static byte[] pdf(List<String> pages, String password) {
    try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      for (String text : pages) {
        PDPage page = new PDPage();
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
          content.beginText();
          content.setFont(font, 12);
          content.newLineAtOffset(72, 700);
          content.showText(text);
          content.endText();
        }
      }
      if (password != null) {
        StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-" + password, password,
            new AccessPermission());
        policy.setEncryptionKeyLength(128);
        document.protect(policy);
      }
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
