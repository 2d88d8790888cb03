package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.DeployedNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One key's long polls and requests in flight are bounded on each node, and each bound is the key's alone. The
 * nodes have no worker role, so their jobs stay queued and long polls on them wait their whole time; a cancelled job
 * is answered at once, which makes it a probe that never waits.
 */
@DisplayName("Long polls and requests in flight per key")
class KeyConcurrencyTest {

  private static final String FIRST_KEY = "concurrency-first-" + UUID.randomUUID();
  private static final String SECOND_KEY = "concurrency-second-" + UUID.randomUUID();
  private static final int LIMIT = 2;
  private static final int WAIT_SECONDS = 4;
  private static final Map<String, String> SHARED_SETTINGS = Map.of("DOCPARSER_ROLES", "api", "DOCPARSER_API_KEYS",
      FIRST_KEY + "," + SECOND_KEY, "DOCPARSER_RATE_LIMIT_PER_S", "0");

  @RegisterExtension
  static final DeployedNode polls =
      DeployedNode.with(with(SHARED_SETTINGS, "DOCPARSER_KEY_MAX_LONG_POLLS", "DOCPARSER_NODE_ID", "long-polls"));
  @RegisterExtension
  static final DeployedNode inFlight =
      DeployedNode.with(with(SHARED_SETTINGS, "DOCPARSER_KEY_MAX_IN_FLIGHT", "DOCPARSER_NODE_ID", "in-flight"));

  @Test
  @DisplayName("a key's long polls past its limit are refused with 429, while another key's are served")
  void longPollsPastTheLimitAreRefused() throws Exception {
    ApiClient pollsFirst = polls.api().withHeader("X-API-Key", FIRST_KEY);
    ApiClient pollsSecond = polls.api().withHeader("X-API-Key", SECOND_KEY);
    String queued = pollsFirst.submitTextForId("a job that stays queued");
    String probe = cancelledJob(pollsFirst);
    List<CompletableFuture<HttpResponse<String>>> waiting = longPolls(pollsFirst, queued);
    HttpResponse<String> refused = awaitRefusal(pollsFirst, "/status/" + probe + "?wait=" + WAIT_SECONDS);

    assertEquals("RATE_LIMITED", ApiClient.json(refused).getString("error_code"));
    assertTrue(ApiClient.json(refused).getString("error").contains("long polls"), refused.body());
    assertTrue(refused.headers().firstValue("Retry-After").isPresent());
    assertEquals(200, pollsSecond.get("/status/" + cancelledJob(pollsSecond) + "?wait=" + WAIT_SECONDS).statusCode(),
        "another key's long poll was refused");
    assertEquals(200, pollsFirst.get("/formats").statusCode(), "a request that is no long poll was refused");
    awaitAll(waiting);
    assertEquals(200, pollsFirst.get("/status/" + probe + "?wait=" + WAIT_SECONDS).statusCode(),
        "the long polls that ended were not released");
  }

  @Test
  @DisplayName("a key's requests past its in-flight limit are refused with 429 until some are answered")
  void requestsPastTheInFlightLimitAreRefused() throws Exception {
    ApiClient inFlightFirst = inFlight.api().withHeader("X-API-Key", FIRST_KEY);
    String queued = inFlightFirst.submitTextForId("a job to wait on");
    List<CompletableFuture<HttpResponse<String>>> waiting = longPolls(inFlightFirst, queued);
    HttpResponse<String> refused = awaitRefusal(inFlightFirst, "/formats");

    assertTrue(ApiClient.json(refused).getString("error").contains("in flight"), refused.body());
    awaitAll(waiting);
    assertEquals(200, inFlightFirst.get("/formats").statusCode(), "the requests that ended were not released");
  }

  private static Map<String, String> with(Map<String, String> keys, String limit, String nodeIdKey, String nodeId) {
    Map<String, String> environment = new HashMap<>(keys);
    environment.put(limit, String.valueOf(LIMIT));
    environment.put(nodeIdKey, nodeId);
    return environment;
  }

  private static String cancelledJob(ApiClient api) {
    String jobId = api.submitTextForId("a job cancelled at once");
    assertEquals(200, api.delete("/jobs/" + jobId).statusCode());
    return jobId;
  }

  /**
   * Each on a thread of its own: the common pool may have one thread only, which would send them one by one. A poll
   * refused because a probe (or the request before it, whose count the node releases a moment after answering) held
   * a slot at that instant is sent again, so that all of them end up held.
   */
  private static List<CompletableFuture<HttpResponse<String>>> longPolls(ApiClient api, String jobId) {
    ExecutorService threads = Executors.newFixedThreadPool(LIMIT);
    List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
    for (int i = 0; i < LIMIT; i++) {
      polls.add(CompletableFuture.supplyAsync(() -> held(api, "/status/" + jobId + "?wait=" + WAIT_SECONDS), threads));
    }
    threads.shutdown();
    return polls;
  }

  private static HttpResponse<String> held(ApiClient api, String path) {
    long deadline = System.nanoTime() + 3_000_000_000L;
    HttpResponse<String> answer = api.get(path);
    while (answer.statusCode() == 429 && System.nanoTime() < deadline) {
      answer = api.get(path);
    }
    return answer;
  }

  /** Asks until the node refuses: the requests sent before are then all held. The probe never waits itself. */
  private static HttpResponse<String> awaitRefusal(ApiClient api, String probe) throws InterruptedException {
    long deadline = System.nanoTime() + 3_000_000_000L;
    HttpResponse<String> answer = api.get(probe);
    while (answer.statusCode() != 429 && System.nanoTime() < deadline) {
      Thread.sleep(20);
      answer = api.get(probe);
    }
    assertEquals(429, answer.statusCode(), "never refused: " + answer.body());
    return answer;
  }

  private static void awaitAll(List<CompletableFuture<HttpResponse<String>>> polls) throws Exception {
    for (CompletableFuture<HttpResponse<String>> poll : polls) {
      assertEquals(200, poll.get().statusCode());
    }
  }
}
