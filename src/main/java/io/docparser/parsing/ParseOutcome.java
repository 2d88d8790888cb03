package io.docparser.parsing;

import io.docparser.api.ErrorCode;
import io.docparser.jobs.JobResult;

/** What parsing one document came to: its content, or a failure with a stable code and a message for a person. */
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
}
