package io.docparser.persistence;

/** Names of the cluster's maps, defined once for the stores and the Hazelcast configuration. */
public final class StoreMaps {

  /** Job records (JSON), keyed by job id. */
  public static final String JOBS = "docparser.jobs";
  /** Documents waiting to be parsed, in chunks keyed {@code <job id>/<index>}. */
  public static final String DOCUMENTS = "docparser.documents";
  /** Passwords of encrypted documents, keyed by job id, until their parse is over. */
  public static final String PASSWORDS = "docparser.passwords";
  /** Idempotency keys of submissions, each naming the job it was first used for. */
  public static final String IDEMPOTENCY_KEYS = "docparser.idempotency-keys";
  /** Parse results (JSON), keyed by job id. */
  public static final String RESULTS = "docparser.results";
  /** Settings the cluster keeps for itself (text), keyed by name, such as {@link #OWNER_SECRET_SETTING}. */
  public static final String SETTINGS = "docparser.settings";
  /** The secret owner ids are keyed with (hex), made by the first node that needed one, when none is configured. */
  public static final String OWNER_SECRET_SETTING = "owner-secret";
  /** Each live node's record (JSON), keyed by node id; see jobs.NodeDirectory. */
  public static final String NODES = "docparser.nodes";

  /** Attributes the job map is queried by, indexed. */
  public static final String STATUS_ATTRIBUTE = "status";
  public static final String CREATED_ATTRIBUTE = "created_at";
  /** The creation time in epoch milliseconds; records written before it was added lack it (see jobs.JobJson). */
  public static final String CREATED_MS_ATTRIBUTE = "created_ms";
  public static final String SIZE_ATTRIBUTE = "size_bytes";
  public static final String RESULT_BYTES_ATTRIBUTE = "result_bytes";
  public static final String NOT_BEFORE_ATTRIBUTE = "not_before";
  public static final String OWNER_ATTRIBUTE = "owner";

  private StoreMaps() {
  }
}
