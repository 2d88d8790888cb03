package io.docparser.parsing;

/** Turns a document's bytes into content. Implementations block; callers run them on a worker thread. */
public interface DocumentParser {

  ParseOutcome parse(ParseRequest request);
}
