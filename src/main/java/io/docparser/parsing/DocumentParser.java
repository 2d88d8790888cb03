package io.docparser.parsing;

/** Turns a document's bytes into content. Implementations block; callers run them on a worker thread. */
public interface DocumentParser extends AutoCloseable {

  ParseOutcome parse(ParseRequest request);

  /**
   * Stops the parse of this job, if it is running here, so that it ends at once as {@link ParseOutcome.Stopped}. A
   * parser that cannot stop a parse lets it run to its end; the caller then discards its result.
   */
  default void stop(String jobId) {
  }

  /** Releases what the parser holds (child processes). */
  @Override
  default void close() {
  }
}
