package io.docparser.api;

/** Event-bus addresses, defined once for the publishers, the consumers and the tests. */
public final class Addresses {

  /**
   * Published (to every worker node in the cluster) when a job has been stored as queued. The body is the job id.
   * It is only a doorbell: the job map is the queue of record, and a node that misses the message finds the job
   * when one of its slots next scans for the oldest queued one.
   */
  public static final String JOB_QUEUED = "docparser.jobs.queued";

  /**
   * Published on one node only, to its parser slots, when a job was announced there: a free slot takes the next
   * announced job. No body.
   */
  public static final String SLOTS_WAKE = "docparser.slots.wake";

  /**
   * Published (to every node) when a job has ended: completed, failed or cancelled. The body is the job id; status
   * requests that long-poll the job answer at once, and a node still parsing it (a cancelled job, or one another
   * attempt finished) stops that parse.
   */
  public static final String JOB_FINISHED = "docparser.jobs.finished";

  private Addresses() {
  }
}
