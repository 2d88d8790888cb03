package io.docparser.parsing;

import io.docparser.api.ErrorCode;

/**
 * What parsing one document came to: its content, a failure with a stable code and a message for a person, or
 * nothing because it was stopped.
 */
public sealed interface ParseOutcome {

  /** The document parsed. */
  record Parsed(JobResult result) implements ParseOutcome {
  }

  /**
   * The document did not parse.
   *
   * @param detectedType the media type detected before the failure, or null
   */
  record Failed(ErrorCode code, String message, String detectedType) implements ParseOutcome {
  }

  /**
   * The parse was stopped from outside before it ended: its job was cancelled, taken away from this node, or the
   * node is stopping. There is nothing to record; whoever stopped it has decided what becomes of the job.
   */
  record Stopped() implements ParseOutcome {
  }
}
