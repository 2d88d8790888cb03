package io.docparser.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** The documents a benchmark pushes through: a directory's files, or documents made on the spot. */
final class Corpus {

  private Corpus() {
  }

  /**
   * Every file of a directory (not its subdirectories), with the passwords its MANIFEST.tsv names, as in
   * ../shared/corpus.
   */
  static List<BenchDocument> fromDirectory(Path directory) throws IOException {
    Map<String, String> passwords = passwords(directory.resolve("MANIFEST.tsv"));
    try (Stream<Path> files = Files.list(directory)) {
      List<Path> documents = files.filter(Files::isRegularFile)
          .filter(file -> !file.getFileName().toString().equals("MANIFEST.tsv"))
          .sorted()
          .toList();
      List<BenchDocument> corpus = new ArrayList<>();
      for (Path file : documents) {
        String name = file.getFileName().toString();
        corpus.add(new BenchDocument(name, Files.readAllBytes(file), passwords.get(name)));
      }
      return corpus;
    }
  }

  /** PDF, DOCX, XLSX and HTML documents at three sizes each, made with PDFBox and POI. */
  static List<BenchDocument> generated(int scale) throws IOException {
    List<BenchDocument> corpus = new ArrayList<>();
    for (int size : new int[] {1, 10, 50}) {
      int units = size * scale;
      corpus.add(new BenchDocument("generated-" + units + ".pdf", pdf(units), null));
      corpus.add(new BenchDocument("generated-" + units + ".docx", docx(units * 20), null));
      corpus.add(new BenchDocument("generated-" + units + ".xlsx", xlsx(units * 50), null));
      corpus.add(new BenchDocument("generated-" + units + ".html", html(units * 20), null));
    }
    return corpus;
  }

  static long totalBytes(List<BenchDocument> corpus) {
    return corpus.stream().mapToLong(document -> document.bytes().length).sum();
  }

  private static Map<String, String> passwords(Path manifest) throws IOException {
    Map<String, String> passwords = new HashMap<>();
    if (!Files.exists(manifest)) {
      return passwords;
    }
    List<String> lines = Files.readAllLines(manifest);
    List<String> header = List.of(lines.get(0).split("\t", -1));
    int file = header.indexOf("file");
    int password = header.indexOf("password");
    for (String line : lines.subList(1, lines.size())) {
      String[] columns = line.split("\t", -1);
      // only an empty column means "no password": a password of spaces is a password (testPassword4Spaces.pdf)
      if (password >= 0 && columns.length > password && !columns[password].isEmpty()) {
        passwords.put(columns[file], columns[password]);
      }
    }
    return passwords;
  }

  private static String sentence(int i) {
    return "Line " + i + " of a generated document, with words to extract and count.";
  }

  private static byte[] pdf(int pages) throws IOException {
    try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      for (int page = 0; page < pages; page++) {
        PDPage pdfPage = new PDPage();
        document.addPage(pdfPage);
        try (PDPageContentStream content = new PDPageContentStream(document, pdfPage)) {
          content.beginText();
          content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 10);
          content.newLineAtOffset(50, 750);
          for (int line = 0; line < 40; line++) {
            content.showText(sentence(page * 40 + line));
            content.newLineAtOffset(0, -14);
          }
          content.endText();
        }
      }
      document.save(out);
      return out.toByteArray();
    }
  }

  private static byte[] docx(int paragraphs) throws IOException {
    try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      for (int i = 0; i < paragraphs; i++) {
        document.createParagraph().createRun().setText(sentence(i));
      }
      document.write(out);
      return out.toByteArray();
    }
  }

  private static byte[] xlsx(int rows) throws IOException {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSSFSheet sheet = workbook.createSheet("Figures");
      for (int i = 0; i < rows; i++) {
        var row = sheet.createRow(i);
        row.createCell(0).setCellValue("Item " + i);
        row.createCell(1).setCellValue(i * 1.5);
        row.createCell(2).setCellValue(sentence(i));
      }
      workbook.write(out);
      return out.toByteArray();
    }
  }

  private static byte[] html(int paragraphs) {
    StringBuilder html = new StringBuilder("<html><head><title>Generated</title></head><body><h1>Generated</h1>");
    for (int i = 0; i < paragraphs; i++) {
      html.append("<p>").append(sentence(i)).append("</p>");
    }
    return html.append("</body></html>").toString().getBytes(StandardCharsets.UTF_8);
  }
}
