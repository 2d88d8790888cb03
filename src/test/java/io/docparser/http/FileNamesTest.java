package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("A client's file name, cleaned")
class FileNamesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "report.pdf|report.pdf",
      "Quarterly report (final).docx|Quarterly report (final).docx",
      "../../etc/passwd|passwd",
      "/etc/shadow|shadow",
      "..\\..\\windows\\system32\\config\\SAM|SAM",
      "C:\\Users\\me\\Documents\\a.xlsx|a.xlsx",
      "docs/2024/../../notes.txt|notes.txt",
      "  spaced name.txt  |spaced name.txt",
      "rapport été.odt|rapport été.odt",
      "résumé 📄.pdf|résumé 📄.pdf"})
  @DisplayName("keeps only the last path component, whichever slash separates them")
  void keepsTheLastComponent(String given, String expected) {
    assertEquals(expected, FileNames.clean(given));
  }

  @Test
  @DisplayName("drops CR, LF, NUL, other control characters and invisible formatting characters")
  void dropsControlAndFormatCharacters() {
    assertEquals("evil.txtX-Injected: 1", FileNames.clean("evil.txt\r\nX-Injected: 1"));
    assertEquals("name.pdf", FileNames.clean("na\u0000me\u0007.pdf\u007f"));
    assertEquals("invoicefdp.exe", FileNames.clean("invoice\u202Efdp.exe"));
    assertEquals("ab.txt", FileNames.clean("a\u200Bb\u2028.txt\u0085"));
    assertEquals("lone.txt", FileNames.clean("lone\uD800.txt"));
  }

  @Test
  @DisplayName("a control character cannot hide a path component")
  void controlCharactersCannotHideComponents() {
    assertEquals("passwd", FileNames.clean("..\u0000/..\r/etc/passwd"));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "   ", "..", ".", "../", "a/b/", "\\", "\r\n\u0000"})
  @DisplayName("a name with nothing usable left is no name at all")
  void emptyResultIsNoName(String given) {
    assertNull(FileNames.clean(given));
  }

  @Test
  @DisplayName("no name stays no name")
  void nullStaysNull() {
    assertNull(FileNames.clean(null));
  }

  @Test
  @DisplayName("a long name is cut to 255 characters and keeps its extension")
  void longNameIsBoundedWithItsExtension() {
    String cleaned = FileNames.clean("x".repeat(10_000) + ".docx");

    assertEquals(FileNames.MAX_CHARS, cleaned.length());
    assertTrue(cleaned.endsWith("x.docx"), cleaned);
  }

  @Test
  @DisplayName("a long name is cut by characters, never inside one")
  void longNameIsCutOnCharacterBoundaries() {
    String cleaned = FileNames.clean("📄".repeat(300));

    assertEquals(FileNames.MAX_CHARS, cleaned.codePointCount(0, cleaned.length()));
    assertEquals("📄".repeat(FileNames.MAX_CHARS), cleaned);
  }

  @Test
  @DisplayName("an over-long extension is not kept whole at the stem's expense")
  void overLongExtensionIsCutToo() {
    String cleaned = FileNames.clean("a." + "e".repeat(400));

    assertEquals(FileNames.MAX_CHARS, cleaned.length());
    assertTrue(cleaned.startsWith("a.eee"), cleaned);
  }
}
