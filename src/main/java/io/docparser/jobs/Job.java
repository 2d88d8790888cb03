package io.docparser.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.docparser.api.ErrorCode;
import io.docparser.persistence.StoreMaps;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The record of one job, as it is kept in the cluster's job map. Immutable: every change is a new record written
 * atomically by a {@link JobTransition}.
 *
 * @param sha256         SHA-256 of the bytes the parser read, once a parser has read them
 * @param chunks         how many chunks of the document are in the document map
 * @param leaseExpiresAt when a processing job's claim runs out, so that another node may take it back
 * @param notBefore      when a job that went back to the queue may be claimed again (a backoff between attempts)
 * @param owner          the caller that submitted it (see {@link io.docparser.api.Caller}); null without API keys
 * @param requestId      the id of the request that submitted it, so that its log lines on every node can be found
 * @param resultBytes    the size of its stored result, once completed (what it counts against its key's quota)
 * @param leaseHolder    the Hazelcast member (one start of the node {@code node}) whose attempt holds the lease of a
 *                       processing job: a node started again under the same name is another member, so the attempts
 *                       of its previous start can be told from its own
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"job_id", "status", "created_at", StoreMaps.CREATED_MS_ATTRIBUTE})
public record Job(
    String jobId,
    JobStatus status,
    String error,
    ErrorCode errorCode,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    int attempts,
    String node,
    String filename,
    String contentType,
    long sizeBytes,
    String sha256,
    String outputFormat,
    int chunks,
    Instant leaseExpiresAt,
    Instant notBefore,
    String owner,
    String requestId,
    Long resultBytes,
    String leaseHolder) {

  private static final Pattern WELL_FORMED_ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /**
   * Whether {@code id} has the form of the ids {@link #queued} makes (a random UUID, lower case): anything else names
   * no job, so it need not be looked up.
   */
  public static boolean isWellFormedId(String id) {
    return id != null && WELL_FORMED_ID.matcher(id).matches();
  }

  /**
   * The creation time as a number, kept in the job map beside {@code created_at} (and early in the record, where
   * {@link JobJson#createdMillis} finds it soon): listing orders jobs by it on the members that hold them.
   */
  @JsonProperty(StoreMaps.CREATED_MS_ATTRIBUTE)
  long createdMs() {
    return createdAt.toEpochMilli();
  }

  /** A new queued job for a document of {@code sizeBytes} stored in {@code chunks} chunks. */
  public static Job queued(String filename, String contentType, long sizeBytes, String outputFormat, int chunks,
      Instant now) {
    return new Job(UUID.randomUUID().toString(), JobStatus.QUEUED, null, null, now, null, null, 0, null, filename,
        contentType, sizeBytes, null, outputFormat, chunks, null, null, null, null, null, null);
  }

  /** The same job, owned by the caller with id {@code ownerId} and submitted by request {@code submittedIn}. */
  public Job submittedBy(String ownerId, String submittedIn) {
    return new Job(jobId, status, error, errorCode, createdAt, startedAt, finishedAt, attempts, node, filename,
        contentType, sizeBytes, sha256, outputFormat, chunks, leaseExpiresAt, notBefore, ownerId, submittedIn,
        resultBytes, leaseHolder);
  }

  /** @param holder the Hazelcast member of the claiming node, as it is now (see {@code leaseHolder}) */
  Job claimedBy(String nodeId, String holder, Instant now, Instant leaseExpiry) {
    return new Job(jobId, JobStatus.PROCESSING, null, null, createdAt, now, null, attempts + 1, nodeId, filename,
        contentType, sizeBytes, sha256, outputFormat, chunks, leaseExpiry, null, owner, requestId, null, holder);
  }

  Job leasedUntil(String holder, Instant leaseExpiry) {
    return new Job(jobId, status, error, errorCode, createdAt, startedAt, finishedAt, attempts, node, filename,
        contentType, sizeBytes, sha256, outputFormat, chunks, leaseExpiry, null, owner, requestId, resultBytes,
        holder);
  }

  /** Back to the queue for another attempt, claimable from {@code notBefore}; the next claim counts it. */
  Job requeued(Instant notBefore) {
    return new Job(jobId, JobStatus.QUEUED, null, null, createdAt, null, null, attempts, null, filename,
        contentType, sizeBytes, null, outputFormat, chunks, null, notBefore, owner, requestId, null, null);
  }

  /** Whether a queued job may be claimed at {@code now}. */
  boolean isDue(Instant now) {
    return notBefore == null || !now.isBefore(notBefore);
  }

  /** Whether this record is still running {@code attempt}. */
  boolean isRunning(Attempt attempt) {
    return status == JobStatus.PROCESSING && attempts == attempt.number() && Objects.equals(node, attempt.node());
  }

  Job cancelled(Instant now) {
    return new Job(jobId, JobStatus.CANCELLED, "the job was cancelled by a client", ErrorCode.CANCELLED, createdAt,
        startedAt, now, attempts, node, filename, contentType, sizeBytes, sha256, outputFormat, chunks, null, null,
        owner, requestId, null, null);
  }

  Job finished(JobOutcome outcome, Instant now) {
    return new Job(jobId, outcome.status(), outcome.message(), outcome.code(), createdAt, startedAt, now, attempts,
        node, filename, outcome.detectedType() == null ? contentType : outcome.detectedType(), sizeBytes,
        outcome.sha256(), outputFormat, chunks, null, null, owner, requestId, outcome.resultBytes(), null);
  }
}
