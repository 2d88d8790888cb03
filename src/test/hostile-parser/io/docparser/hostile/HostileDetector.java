package io.docparser.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.tika.detect.Detector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;

/**
 * Tells the test parser's documents by their first bytes, as custom-mimetypes.xml does for a JVM that has this
 * directory on its class path. A parse in the tests' own JVM loads the parser through a class loader of its own,
 * which Tika consults for parsers and detectors but not for media types.
 */
public final class HostileDetector implements Detector {

  private static final long serialVersionUID = 1L;
  private static final byte[] MAGIC = "DOCPARSER-HOSTILE".getBytes(StandardCharsets.US_ASCII);
  private static final MediaType TYPE = MediaType.application("x-docparser-hostile");

  @Override
  public MediaType detect(InputStream input, Metadata metadata) throws IOException {
    if (input == null) {
      return MediaType.OCTET_STREAM;
    }
    input.mark(MAGIC.length);
    try {
      return Arrays.equals(input.readNBytes(MAGIC.length), MAGIC) ? TYPE : MediaType.OCTET_STREAM;
    } finally {
      input.reset();
    }
  }
}
