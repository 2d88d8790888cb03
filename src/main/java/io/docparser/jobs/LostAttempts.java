package io.docparser.jobs;

import java.io.Serializable;
import java.time.Instant;
import java.util.Set;

/**
 * Which running attempts a {@link JobTransition.Reclaim} takes back: those that no node will renew or finish. The
 * node that asks decides the criterion (its clock, its view of the cluster) and it travels with the transition, so
 * that the member owning a job and its backup judge the job alike.
 */
sealed interface LostAttempts extends Serializable {

  /** Whether {@code running}, a processing job, is one of them. */
  boolean covers(Job running);

  /** The attempts whose leases ran out unrenewed by {@code now}: a node that froze, or could not reach the store. */
  record LeaseRanOut(Instant now) implements LostAttempts {
    @Override
    public boolean covers(Job running) {
      return running.leaseExpiresAt() == null || running.leaseExpiresAt().isBefore(now);
    }
  }

  /**
   * The attempts held by members that are not in the cluster: one that left, or one of a start before the last full
   * restart. Nobody will renew or finish them (a node started again is a new member, and one that merges back after
   * a split renews its attempts under its new id), so they are taken back at once rather than when their leases run
   * out. A live member's attempt is not taken for a lost one: a member claims jobs only once it has joined, and every
   * member hears of a join as it completes, seconds before the new node has loaded its parsers.
   *
   * @param liveMembers the ids of the members in the cluster now
   */
  record HolderGone(Set<String> liveMembers) implements LostAttempts {
    public HolderGone {
      liveMembers = Set.copyOf(liveMembers);
    }

    @Override
    public boolean covers(Job running) {
      return running.leaseHolder() != null && !liveMembers.contains(running.leaseHolder());
    }
  }
}
