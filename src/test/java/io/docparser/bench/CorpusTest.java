package io.docparser.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A benchmark corpus read from a directory")
class CorpusTest {

  @Test
  @DisplayName("keeps a password of spaces as given, and reads an empty password column as no password")
  void passwordsOfSpacesAreKept(@TempDir Path directory) throws Exception {
    Files.writeString(directory.resolve("MANIFEST.tsv"),
        "file\tbytes\tpassword\nspaces.pdf\t1\t    \nplain.txt\t1\t\n");
    Files.writeString(directory.resolve("spaces.pdf"), "x");
    Files.writeString(directory.resolve("plain.txt"), "x");

    Map<String, BenchDocument> corpus = Corpus.fromDirectory(directory).stream()
        .collect(Collectors.toMap(BenchDocument::name, document -> document));

    assertEquals(List.of("plain.txt", "spaces.pdf"), corpus.keySet().stream().sorted().toList());
    assertEquals("    ", corpus.get("spaces.pdf").password());
    assertNull(corpus.get("plain.txt").password());
  }
}
