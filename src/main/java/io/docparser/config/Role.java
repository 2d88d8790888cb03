package io.docparser.config;

/** What a node does: serve the API, parse documents, or both. */
public enum Role {
  /** Accepts documents and answers status and result requests. */
  API,
  /** Runs parser slots that claim queued jobs. */
  WORKER
}
