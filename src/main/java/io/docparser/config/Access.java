package io.docparser.config;

/**
 * Who may use the API, and how much.
 *
 * @param apiKeys           the tenant keys, which submit and read jobs; {@link ApiKeys#NONE} for none
 * @param operatorKeys      the operator keys, the only ones for /metrics and /cluster; {@link ApiKeys#NONE} for none.
 *                          Either kind of key switches authentication on; with none, the node serves loopback only,
 *                          unless open access is allowed
 * @param allowOpenAccess   whether a non-loopback bind without API keys is allowed
 * @param requestsPerSecond requests one API key may make per second on one node; 0 for no limit
 * @param maxActiveJobs     queued and processing jobs one API key may have, cluster-wide; 0 for no limit
 * @param maxJobs           jobs one API key may keep (any status, until they expire or are deleted), cluster-wide;
 *                          0 for no limit
 * @param maxStoredBytes    bytes one API key may keep in the store (documents of unfinished jobs, results of
 *                          completed ones), cluster-wide; 0 for no limit
 * @param maxInFlight       requests of one API key that one node serves at the same time (long polls included); 0
 *                          for no limit
 * @param maxLongPolls      long polls ({@code /status?wait=}) of one API key waiting on one node; 0 for no limit
 */
public record Access(ApiKeys apiKeys, ApiKeys operatorKeys, boolean allowOpenAccess, int requestsPerSecond,
    long maxActiveJobs, long maxJobs, long maxStoredBytes, int maxInFlight, int maxLongPolls) {

  /** Whether requests must present a key: any key, of either kind, is configured. */
  public boolean keysRequired() {
    return apiKeys.enabled() || operatorKeys.enabled();
  }
}
