package io.docparser.jobs;

import io.docparser.api.ErrorCode;
import java.io.Serializable;

/**
 * How a parse ended, as the job record keeps it.
 *
 * @param status       COMPLETED or FAILED
 * @param code         the failure's stable code; null when completed
 * @param message      the failure, for a person; null when completed
 * @param detectedType the media type Tika detected; may be null
 * @param sha256       SHA-256 of the bytes the parser read
 * @param resultBytes  the size of the stored result; null when failed
 */
public record JobOutcome(JobStatus status, ErrorCode code, String message, String detectedType, String sha256,
    Long resultBytes) implements Serializable {

  public static JobOutcome completed(String detectedType, String sha256, long resultBytes) {
    return new JobOutcome(JobStatus.COMPLETED, null, null, detectedType, sha256, resultBytes);
  }

  public static JobOutcome failed(ErrorCode code, String message, String detectedType, String sha256) {
    return new JobOutcome(JobStatus.FAILED, code, message, detectedType, sha256, null);
  }
}
