package io.docparser.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.docparser.api.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Job transitions")
class JobTransitionTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  @DisplayName("travel to other members: every transition survives serialisation and still applies")
  void transitionsAreSerialisable() throws Exception {
    Job claimed = claimedBy("member-a");
    Attempt attempt = Attempt.of(claimed);
    List<JobTransition> transitions = List.of(
        new JobTransition.Claim("node-b", "member-b", NOW, NOW.plusSeconds(30)),
        new JobTransition.Finish(attempt, JobOutcome.failed(ErrorCode.CORRUPT_DOCUMENT, "broken", "x/y", "abc"), NOW, 60),
        new JobTransition.Renew(attempt, "member-a", NOW.plusSeconds(60)),
        new JobTransition.Reclaim(new LostAttempts.HolderGone(Set.of("member-b")), NOW, 3, 60),
        new JobTransition.Reclaim(new LostAttempts.LeaseRanOut(NOW.plusSeconds(60)), NOW, 3, 60),
        new JobTransition.Retry(attempt, NOW.plusSeconds(2)),
        new JobTransition.Cancel(NOW, 60));

    for (JobTransition transition : transitions) {
      JobTransition copy = roundTrip(transition);
      Job source = transition instanceof JobTransition.Claim ? claimed.requeued(NOW) : claimed;
      assertEquals(transition.apply(source), copy.apply(source), transition.getClass().getSimpleName());
    }
  }

  @Test
  @DisplayName("take a running job back at once when the member holding it is not in the cluster, never while it is")
  void jobsOfGoneMembersAreTakenBack() {
    JobTransition membersGone = new JobTransition.Reclaim(new LostAttempts.HolderGone(Set.of("member-b")), NOW, 3, 60);

    Job requeued = membersGone.apply(claimedBy("member-a"));
    assertEquals(JobStatus.QUEUED, requeued.status());
    assertEquals(1, requeued.attempts());
    assertNull(requeued.leaseHolder());
    assertNull(membersGone.apply(claimedBy("member-b")), "the job of a live member was taken back");
    assertNull(membersGone.apply(claimedBy(null)), "a record that names no member is left to its lease");
  }

  /** Running since NOW with a lease of 30 s, held by {@code member}. */
  private static Job claimedBy(String member) {
    return Job.queued("a.pdf", null, 10, "text", 1, NOW).claimedBy("node-a", member, NOW, NOW.plusSeconds(30));
  }

  private static JobTransition roundTrip(JobTransition transition) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(transition);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (JobTransition) in.readObject();
    }
  }
}
