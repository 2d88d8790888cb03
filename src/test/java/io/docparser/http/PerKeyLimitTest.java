package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.http.HttpResponse;
import java.util.ArrayList;
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

  @Test
  @DisplayName("a key past its requests per second gets 429 RATE_LIMITED with Retry-After; other keys do not")
  void requestRateIsLimitedPerKey() {
    ApiClient hurried = anonymous.withHeader("X-API-Key", KEYS.get(0));
    List<HttpResponse<String>> refused = new ArrayList<>();
    for (int i = 0; i < REQUESTS_PER_SECOND * 4; i++) {
      HttpResponse<String> response = hurried.get("/formats");
      if (response.statusCode() != 200) {
        refused.add(response);
      }
    }

    assertTrue(refused.size() >= REQUESTS_PER_SECOND, refused.size() + " of " + REQUESTS_PER_SECOND * 4 + " refused");
    for (HttpResponse<String> response : refused) {
      assertEquals(429, response.statusCode(), response.body());
      assertEquals("RATE_LIMITED", ApiClient.json(response).getString("error_code"));
      assertEquals("1", response.headers().firstValue("Retry-After").orElseThrow());
    }
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
