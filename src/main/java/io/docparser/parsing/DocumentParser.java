package io.docparser.parsing;

/** Turns a document's bytes into content. Implementations block; callers run them on a worker thread. */
public interface DocumentParser {

  /**
   * @param document the document's bytes, exactly as the client sent them
   * @param filename the client's file name, a hint for type detection only; may be null
   */
  ParseOutcome parse(byte[] document, String filename);
}
