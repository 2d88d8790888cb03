package io.docparser.config;

/**
 * The bound of the cluster-wide queue: past it, submissions are refused with 429 QUEUE_FULL.
 *
 * @param jobs  queued jobs allowed
 * @param bytes bytes of queued documents allowed
 */
public record QueueLimit(long jobs, long bytes) {

  /** Whether one more document of {@code size} bytes fits behind {@code queuedJobs} jobs of {@code queuedBytes}. */
  public boolean admits(long queuedJobs, long queuedBytes, long size) {
    return queuedJobs < jobs && queuedBytes + size <= bytes;
  }
}
