package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.Await;
import io.docparser.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An api-only node, so that submitted jobs stay queued and count against their key. */
@ExtendWith(VertxExtension.class)
@DisplayName("The limits on each API key")
class PerKeyLimitTest {

  private static final int REQUESTS_PER_SECOND = 10;
  private static final int ACTIVE_JOBS = 2;
  private static final List<String> KEYS = List.of("rate-key-0123456789", "other-key-0123456789",
      "jobs-key-0123456789");

  private static ApiClient anonymous;

  @BeforeAll
  static void startNode(Vertx vertx, VertxTestContext context) {
    TestNode.deploy(vertx, Map.of("DOCPARSER_ROLES", "api", "DOCPARSER_API_KEYS", String.join(",", KEYS),
            "DOCPARSER_RATE_LIMIT_PER_S", String.valueOf(REQUESTS_PER_SECOND),
            "DOCPARSER_MAX_ACTIVE_JOBS_PER_KEY", String.valueOf(ACTIVE_JOBS)))
        .onComplete(context.succeeding(config -> {
          anonymous = new ApiClient(config.httpPort());
          context.completeNow();
        }));
  }

  /**
   * The bucket's arithmetic is RequestRatesTest's, on a clock of its own; this proves the answer a key gets once it
   * is past its allowance. A fresh key's first second's worth is never refused, however slow the machine; the client
   * then sends until a request is refused, which takes a client faster than the rate limit.
   */
  @Test
  @DisplayName("a key past its requests per second gets 429 RATE_LIMITED with Retry-After; other keys do not")
  void requestRateIsLimitedPerKey() {
    ApiClient hurried = anonymous.withHeader("X-API-Key", KEYS.get(0));
    for (int i = 0; i < REQUESTS_PER_SECOND; i++) {
      assertEquals(200, hurried.get("/formats").statusCode(), "request " + (i + 1) + " of the key's first second");
    }

    HttpResponse<String> refused = Await.value(() -> hurried.get("/formats"), response -> response.statusCode() != 200,
        "a request past the key's allowance to be refused");

    assertEquals(429, refused.statusCode(), refused.body());
    assertEquals("RATE_LIMITED", ApiClient.json(refused).getString("error_code"));
    assertEquals("1", refused.headers().firstValue("Retry-After").orElseThrow());
    assertEquals(200, anonymous.withHeader("X-API-Key", KEYS.get(1)).get("/formats").statusCode());
  }

  @Test
  @DisplayName("a key with as many active jobs as it may have is refused another, until one of them ends")
  void activeJobsAreLimitedPerKey() {
    ApiClient busy = anonymous.withHeader("Authorization", "Bearer " + KEYS.get(2));
    String firstJob = busy.submitTextForId("one");
    busy.submitTextForId("two");

    HttpResponse<String> third = busy.submitText("three");
    assertEquals(429, third.statusCode(), third.body());
    assertEquals("RATE_LIMITED", ApiClient.json(third).getString("error_code"));
    assertTrue(ApiClient.json(third).getString("error").contains("queued or processing"), third.body());

    assertEquals(200, busy.delete("/jobs/" + firstJob).statusCode());
    assertEquals(202, busy.submitText("three, again").statusCode());
  }
}
