package io.docparser.config;

/**
 * Who may use the API, and how much.
 *
 * @param apiKeys           the keys that are accepted; {@link ApiKeys#NONE} for no authentication (loopback only,
 *                          unless open access is allowed)
 * @param allowOpenAccess   whether a non-loopback bind without API keys is allowed
 * @param requestsPerSecond requests one API key may make per second on one node; 0 for no limit
 * @param maxActiveJobs     queued and processing jobs one API key may have, cluster-wide; 0 for no limit
 * @param maxJobs           jobs one API key may keep (any status, until they expire or are deleted), cluster-wide;
 *                          0 for no limit
 * @param maxStoredBytes    bytes one API key may keep in the store (documents of unfinished jobs, results of
 *                          completed ones), cluster-wide; 0 for no limit
 */
public record Access(ApiKeys apiKeys, boolean allowOpenAccess, int requestsPerSecond, long maxActiveJobs,
    long maxJobs, long maxStoredBytes) {
}
