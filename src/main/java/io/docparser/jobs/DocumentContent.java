package io.docparser.jobs;

import java.nio.file.Path;

/** The bytes of a submitted document: in memory (decoded from JSON) or in an upload's temp file. */
public sealed interface DocumentContent {

  long size();

  /** A document decoded from a JSON body. */
  record InMemory(byte[] bytes) implements DocumentContent {
    @Override
    public long size() {
      return bytes.length;
    }
  }

  /** A document streamed to a temp file, which the request that wrote it deletes. */
  record InFile(Path file, long size) implements DocumentContent {
  }
}
