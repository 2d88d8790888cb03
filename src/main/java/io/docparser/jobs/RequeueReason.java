package io.docparser.jobs;

import java.util.Locale;

/** Why a running job went back to the queue for another attempt; the {@code reason} of the requeue metric. */
enum RequeueReason {
  /** The member that ran it is not in the cluster: it left, or the whole service was restarted. */
  MEMBER_GONE,
  /** Its lease ran out unrenewed: its node froze, or could not reach the store. */
  LEASE_EXPIRED,
  /** Its parser crashed, which is tried once more. */
  PARSER_CRASHED;

  String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
