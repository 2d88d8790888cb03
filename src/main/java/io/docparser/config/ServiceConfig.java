package io.docparser.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The validated settings of one node. Built once at start-up by {@link ConfigLoader} and handed to every component
 * through its constructor; nothing reads the environment after that.
 *
 * @param httpHost         address the HTTP server binds to
 * @param httpPort         port of the HTTP server; 0 picks a free one (tests)
 * @param nodeId           this node's name in job status, logs and metrics
 * @param roles            what this node does
 * @param workers          parser slots on this node (parses that run at the same time)
 * @param isolation        where documents are parsed
 * @param parseTimeoutMs   time limit of one parse
 * @param childJvms        how the child JVMs run, with isolation {@code process}
 * @param maxAttempts      how many times a job is tried when the node parsing it is lost
 * @param lease            how long a running job's claim holds without renewal: a lost node's jobs go back to the
 *                         queue this long after its last renewal
 * @param drain            how long a stopping node lets its running parses end before it stops them and leaves their
 *                         jobs to the other nodes
 * @param maxUploadBytes   largest document accepted, in decoded bytes
 * @param maxTextChars     content one document may produce before it is cut and marked truncated
 * @param uploads          where uploads are streamed to while their request lasts
 * @param queueLimit       how many jobs, and how many bytes of documents, may wait cluster-wide
 * @param resultTtlSeconds how long a finished job and its result are kept
 * @param access           API keys and the limits on each of them
 * @param logLevel         the level of the node's own logs: ERROR, WARN, INFO, DEBUG or TRACE
 * @param cluster          how to join the other nodes with {@code -cluster}
 * @param connections      how many connections the HTTP server holds, and how long a request may take to arrive
 * @param database         where job state is persisted
 * @param ownerSecret      the secret owner ids are keyed with, when one is configured
 */
public record ServiceConfig(
    String httpHost,
    int httpPort,
    String nodeId,
    Set<Role> roles,
    int workers,
    Isolation isolation,
    long parseTimeoutMs,
    ChildJvmSettings childJvms,
    int maxAttempts,
    Duration lease,
    Duration drain,
    long maxUploadBytes,
    int maxTextChars,
    UploadDirectory uploads,
    QueueLimit queueLimit,
    long resultTtlSeconds,
    Access access,
    String logLevel,
    ClusterSettings cluster,
    ConnectionLimits connections,
    DatabaseSettings database,
    OwnerSecret ownerSecret) {

  public ServiceConfig {
    roles = Set.copyOf(roles);
  }

  /** Whether the HTTP server listens on a loopback address only, so that only this machine reaches it. */
  public boolean servesLoopbackOnly() {
    return ConfigValidator.isLoopback(httpHost);
  }

  /** Where uploads are streamed to while their request lasts. */
  public Path uploadDir() {
    return uploads.path();
  }

  public boolean hasRole(Role role) {
    return roles.contains(role);
  }

  /**
   * The largest request body /submit reads: a base64 document is 4/3 of its decoded size, and the JSON around it
   * (field names, options) gets 64 KiB.
   */
  public long maxRequestBodyBytes() {
    return maxUploadBytes / 3 * 4 + 4 + 64 * 1024;
  }
}
