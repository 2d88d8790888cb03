package io.docparser.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.DeployedNode;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Parser slots of one node")
class ParserSlotsTest {

  /** Large enough that its parse lasts far longer than the gap between two claims of slots that are both free. */
  private static final int SLOW_DOCUMENT_CHARS = 12 << 20;

  @RegisterExtension
  static final DeployedNode node = DeployedNode.with(Map.of("DOCPARSER_WORKERS", "2"));

  @Test
  @DisplayName("two slow jobs on a node with two slots are parsed at the same time")
  void twoSlotsParseTwoJobsAtOnce() {
    String firstDocument = slowDocument('a');
    String secondDocument = slowDocument('b');
    CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> node.api().submitTextForId(firstDocument));
    CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> node.api().submitTextForId(secondDocument));

    JsonObject one = node.api().awaitTerminal(first.join());
    JsonObject two = node.api().awaitTerminal(second.join());

    assertEquals("completed", one.getString("status"), one.encode());
    assertEquals("completed", two.getString("status"), two.encode());
    Instant latestStart = max(instant(one, "started_at"), instant(two, "started_at"));
    Instant earliestFinish = min(instant(one, "finished_at"), instant(two, "finished_at"));
    assertTrue(latestStart.isBefore(earliestFinish),
        "processing intervals do not overlap: " + one.encode() + " / " + two.encode());
  }

  private static String slowDocument(char letter) {
    StringBuilder text = new StringBuilder(SLOW_DOCUMENT_CHARS);
    String line = ("word" + letter + " ").repeat(12) + "\n";
    while (text.length() < SLOW_DOCUMENT_CHARS) {
      text.append(line);
    }
    return text.toString();
  }

  private static Instant instant(JsonObject status, String field) {
    return Instant.parse(status.getString(field));
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
