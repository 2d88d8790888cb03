package io.docparser.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docparser.api.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Job transitions")
class JobTransitionTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  @DisplayName("travel to other members: every transition survives serialisation and still applies")
  void transitionsAreSerialisable() throws Exception {
    Job claimed = Job.queued("a.pdf", null, 10, "text", 1, NOW).claimedBy("node-a", NOW, NOW.plusSeconds(30));
    Attempt attempt = Attempt.of(claimed);
    List<JobTransition> transitions = List.of(
        new JobTransition.Claim("node-b", NOW, NOW.plusSeconds(30)),
        new JobTransition.Finish(attempt, JobOutcome.failed(ErrorCode.CORRUPT_DOCUMENT, "broken", "x/y", "abc"), NOW, 60),
        new JobTransition.Renew(attempt, NOW.plusSeconds(60)),
        new JobTransition.Reclaim("node-a", NOW, 3, 60),
        new JobTransition.Retry(attempt, NOW.plusSeconds(2)),
        new JobTransition.Cancel(NOW, 60));

    for (JobTransition transition : transitions) {
      JobTransition copy = roundTrip(transition);
      Job source = transition instanceof JobTransition.Claim ? claimed.requeued(NOW) : claimed;
      assertEquals(transition.apply(source), copy.apply(source), transition.getClass().getSimpleName());
    }
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
