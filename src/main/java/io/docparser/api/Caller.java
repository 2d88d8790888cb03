package io.docparser.api;

import java.util.Objects;

/**
 * Who sent a request: the owner of the jobs it submits. With API keys, a caller is named by a digest of its key
 * (the same on every node, and not the key itself); without keys, every request comes from {@link #ANONYMOUS}.
 *
 * @param id the owner id kept in the caller's job records; null for the anonymous caller
 */
public record Caller(String id) {

  public static final Caller ANONYMOUS = new Caller(null);

  /** Whether a job owned by {@code owner} (null when it was submitted without a key) is this caller's. */
  public boolean owns(String owner) {
    return Objects.equals(id, owner);
  }

  /** How this caller's idempotency keys are told apart from everyone else's. */
  public String scope(String idempotencyKey) {
    return id == null ? idempotencyKey : id + " " + idempotencyKey;
  }
}
