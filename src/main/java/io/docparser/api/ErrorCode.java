package io.docparser.api;

/**
 * The stable error codes of the API, each with the HTTP status it is answered with. Job failures carry a code too;
 * their status is the one a request for that job's result gets (409), not the status of the original submit.
 * The names are part of the contract (openapi.yaml lists them): renaming one breaks clients.
 */
public enum ErrorCode {
  INVALID_REQUEST(400),
  UNAUTHORIZED(401),
  /** A valid key of the wrong kind, or (on a node without keys) a browser request from another site. */
  FORBIDDEN(403),
  NOT_FOUND(404),
  METHOD_NOT_ALLOWED(405),
  /** A submission's body did not arrive whole within DOCPARSER_REQUEST_BODY_TIMEOUT_MS. */
  REQUEST_TIMEOUT(408),
  PAYLOAD_TOO_LARGE(413),
  /** The request line is longer than the HTTP server reads; answered by the server before any route. */
  URI_TOO_LONG(414),
  UNSUPPORTED_MEDIA_TYPE(415),
  /** A node without keys serves only requests addressed to its own loopback address and port (DNS rebinding). */
  MISDIRECTED_REQUEST(421),
  /** The request's headers are larger than the HTTP server reads; answered by the server before any route. */
  HEADERS_TOO_LARGE(431),
  QUEUE_FULL(429),
  RATE_LIMITED(429),
  /** The API key keeps as many jobs, or as many bytes, as it may: room must be freed before it submits again. */
  QUOTA_EXCEEDED(429),
  INTERNAL_ERROR(500),
  STORE_UNAVAILABLE(503),

  ENCRYPTED_DOCUMENT(409),
  CORRUPT_DOCUMENT(409),
  UNSUPPORTED_DOCUMENT_TYPE(409),
  PARSE_TIMEOUT(409),
  PARSER_OUT_OF_MEMORY(409),
  PARSER_CRASHED(409),
  WORKER_LOST(409),
  CANCELLED(409);

  private final int httpStatus;

  ErrorCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
