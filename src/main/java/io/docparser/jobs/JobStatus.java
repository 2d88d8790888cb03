package io.docparser.jobs;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a job is in its life. Terminal jobs never change again and expire after the result TTL. */
public enum JobStatus {
  QUEUED, PROCESSING, COMPLETED, FAILED, CANCELLED;

  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }

  /** The value clients see and the job map is queried by. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
