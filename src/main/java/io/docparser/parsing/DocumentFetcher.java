package io.docparser.parsing;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.tika.config.Field;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.pipes.fetcher.AbstractFetcher;

/**
 * How a child process reads the document it is asked to parse: from the node's hand-over directory, under the name
 * the node gave the file. Unlike Tika's FileSystemFetcher it adds no metadata of the hand-over file (its path, its
 * length, its name): the document is described to the parser by the client's file name alone, as it is in this JVM.
 * The bytes are read into memory and handed over as they are in this JVM, rather than as a file: some parsers take
 * another path through a file (a ZIP's central directory instead of its entries in order), and the output would
 * differ.
 */
public final class DocumentFetcher extends AbstractFetcher {

  private Path directory;

  /** Set from the Tika configuration that {@link TikaConfigs} writes. */
  @Field
  public void setDirectory(String directory) {
    this.directory = Path.of(directory).toAbsolutePath().normalize();
  }

  @Override
  public InputStream fetch(String fetchKey, Metadata metadata, ParseContext context) throws IOException {
    Path file = directory.resolve(fetchKey).normalize();
    if (!file.getParent().equals(directory)) {
      throw new IOException("a document must be a file directly in the hand-over directory: " + fetchKey);
    }
    ClientFileName name = context.get(ClientFileName.class);
    if (name != null) {
      metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name.value());
    }
    return TikaInputStream.get(Files.readAllBytes(file));
  }

  /** The file name the client gave its document, travelling to the child in the parse request. */
  record ClientFileName(String value) implements Serializable {
  }
}
