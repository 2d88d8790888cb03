package io.docparser.jobs;

import io.docparser.api.Caller;
import io.docparser.api.ErrorCode;
import io.docparser.api.ServiceException;
import io.docparser.config.Access;
import java.util.Optional;

/**
 * What one API key may hold, cluster-wide; 0 is no limit. They never apply without keys: the anonymous caller of a
 * loopback node is bounded by the queue alone. Each submission is checked against a measurement taken for it, so
 * submissions of one key that run at the same moment may together pass a quota by what they add.
 *
 * @param maxActiveJobs  jobs queued or processing (past it, 429 RATE_LIMITED: waiting is enough)
 * @param maxJobs        jobs kept, in any status (past it, 429 QUOTA_EXCEEDED: room must be freed)
 * @param maxStoredBytes bytes kept in the store (past it, 429 QUOTA_EXCEEDED)
 */
public record KeyQuotas(long maxActiveJobs, long maxJobs, long maxStoredBytes) {

  private static final String HOW_TO_FREE_ROOM = "; free room by deleting jobs with DELETE /jobs/{job_id} (a queued or"
      + " running job is cancelled by its first DELETE, which frees its document, and removed by a second), or wait"
      + " until finished jobs expire at the end of their result TTL";

  public static KeyQuotas of(Access access) {
    return new KeyQuotas(access.maxActiveJobs(), access.maxJobs(), access.maxStoredBytes());
  }

  /** Whether a submission of this caller must be checked against what it holds. */
  boolean apply(Caller caller) {
    return caller.id() != null && (maxActiveJobs > 0 || maxJobs > 0 || maxStoredBytes > 0);
  }

  /** Why a caller holding {@code usage} may not submit a document of {@code documentBytes}; empty when it may. */
  Optional<ServiceException> refusal(KeyUsage usage, long documentBytes) {
    if (maxJobs > 0 && usage.keptJobs() >= maxJobs) {
      return quotaExceeded("this API key keeps " + usage.keptJobs() + " jobs, as many as one key may keep");
    }
    if (maxStoredBytes > 0 && usage.storedBytes() + documentBytes > maxStoredBytes) {
      return quotaExceeded("this API key keeps " + usage.storedBytes() + " bytes in the store (documents waiting to"
          + " be parsed and results of completed jobs), and this document's " + documentBytes + " bytes would take it"
          + " past the " + maxStoredBytes + " bytes one key may keep");
    }
    if (maxActiveJobs > 0 && usage.activeJobs() >= maxActiveJobs) {
      return Optional.of(new ServiceException(ErrorCode.RATE_LIMITED, "this API key has " + usage.activeJobs()
          + " jobs queued or processing, as many as one key may have; try again when some have finished"));
    }
    return Optional.empty();
  }

  private static Optional<ServiceException> quotaExceeded(String what) {
    return Optional.of(new ServiceException(ErrorCode.QUOTA_EXCEEDED, what + HOW_TO_FREE_ROOM));
  }
}
