package io.docparser.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of answers against openapi.yaml ({@link Contract}), on answers made up here: it passes what the contract
 * declares, and catches each kind of drift the integration tests rely on it to catch.
 */
@DisplayName("The contract judge")
class ContractTest {

  private static final String ID = "3f1c2a9e-4b7d-4d0e-9a51-2f6f0c8b7e11";
  private static final String JSON = "application/json";
  private static final String STATUS = "{\"job_id\":\"" + ID + "\",\"status\":\"completed\","
      + "\"created_at\":\"2026-11-28T17:00:00.120Z\",\"started_at\":null,\"finished_at\":null,\"attempts\":1,"
      + "\"node\":\"n\",\"filename\":null,\"content_type\":null,\"size_bytes\":46,\"sha256\":null,"
      + "\"output_format\":\"text\"}";
  private static final String RESULT = "{\"job_id\":\"" + ID + "\",\"status\":\"completed\",\"output_format\":\"text\","
      + "\"content_type\":\"text/plain\",\"result\":\"hello\",\"metadata\":{\"a\":[\"b\"]},\"truncated\":false}";
  private final Contract contract = Contract.published();

  @Test
  @DisplayName("a job's status as the contract declares it conforms")
  void declaredStatusConforms() {
    assertEquals(List.of(), judge("GET", "/status/" + ID + "?wait=1", 200, JSON, STATUS));
  }

  @Test
  @DisplayName("a status without a required field, or with a field the contract does not declare, does not")
  void schemaDriftIsCaught() {
    assertFalse(judge("GET", "/status/" + ID, 200, JSON, STATUS.replace("\"attempts\":1,", "")).isEmpty());
    assertFalse(judge("GET", "/status/" + ID, 200, JSON, STATUS.replace("{", "{\"surprise\":1,")).isEmpty());
    assertFalse(judge("GET", "/status/" + ID, 200, JSON, STATUS.replace("\"queued\"", "\"waiting\"")
        .replace("\"completed\"", "\"waiting\"")).isEmpty());
  }

  @Test
  @DisplayName("a result is a JobResult with 200 and a JobPending with 202, told apart by status")
  void resultAnswerIsDiscriminatedByStatus() {
    String pending = "{\"job_id\":\"" + ID + "\",\"status\":\"queued\",\"message\":\"wait\"}";

    assertEquals(List.of(), judge("GET", "/result/" + ID, 200, JSON, RESULT));
    assertEquals(List.of(), judge("GET", "/result/" + ID, 202, JSON, pending));
    assertFalse(judge("GET", "/result/" + ID, 202, JSON, pending.replace("queued", "completed")).isEmpty());
    assertFalse(judge("GET", "/result/" + ID, 200, JSON, RESULT.replace(",\"truncated\":false", "")).isEmpty());
  }

  @Test
  @DisplayName("application/json and application/json; charset=utf-8 are two declared answers of /result")
  void mediaTypeParametersAreHonoured() {
    String documents = "[{\"X-TIKA:content\":\"hello\"}]";

    assertEquals(List.of(), judge("GET", "/result/" + ID + "?raw=true", 200, "application/json; charset=utf-8",
        documents));
    assertEquals(List.of(), judge("GET", "/result/" + ID + "/content", 200, "application/json;charset=UTF-8",
        documents));
    assertFalse(judge("GET", "/result/" + ID + "?raw=true", 200, JSON, documents).isEmpty());
    assertFalse(judge("GET", "/result/" + ID + "/content", 200, JSON, documents).isEmpty(),
        "/content declares only the charset form");
    assertEquals(List.of(), judge("GET", "/result/" + ID + "/content", 200, "text/plain; charset=utf-8", "hi"));
    assertFalse(judge("GET", "/result/" + ID + "/content", 200, "text/csv", "a,b").isEmpty());
  }

  @Test
  @DisplayName("an error body must be an ApiError whose code is one of ErrorCode")
  void errorsAreApiErrors() {
    String error = "{\"error\":\"no\",\"error_code\":\"NOT_FOUND\",\"request_id\":\"r\"}";

    assertEquals(List.of(), judge("GET", "/status/x", 404, JSON, error));
    assertEquals(List.of(), judge("GET", "/status/x", 421, JSON, error.replace("NOT_FOUND", "MISDIRECTED_REQUEST")));
    assertFalse(judge("GET", "/status/x", 404, JSON, error.replace("NOT_FOUND", "NOPE")).isEmpty());
    assertFalse(judge("GET", "/status/x", 404, "text/plain", "Not Found").isEmpty());
    assertFalse(judge("GET", "/status/x", 500, JSON, "{\"message\":\"Internal Server Error\"}").isEmpty());
  }

  @Test
  @DisplayName("declared headers are checked, and every answer carries X-Request-Id")
  void headersAreChecked() {
    String pending = "{\"job_id\":\"" + ID + "\",\"status\":\"queued\",\"message\":\"wait\"}";

    assertFalse(contract.violations("GET", "/result/" + ID, 202, Map.of("Content-Type", List.of(JSON),
        "X-Request-Id", List.of("r"), "Retry-After", List.of("soon")), bytes(pending)).isEmpty());
    assertFalse(contract.violations("GET", "/formats", 200, Map.of("Content-Type", List.of(JSON)),
        bytes("{\"input\":[],\"output\":[]}")).isEmpty());
  }

  @Test
  @DisplayName("a HEAD is judged as the GET, without a body")
  void headIsJudgedAsGet() {
    assertEquals(List.of(), contract.violations("HEAD", "/formats", 200, Map.of("Content-Type", List.of(JSON),
        "X-Request-Id", List.of("r")), null));
    assertFalse(contract.violations("HEAD", "/formats", 200, Map.of("X-Request-Id", List.of("r")), null).isEmpty());
  }

  @Test
  @DisplayName("paths and methods the contract does not declare are not judged")
  void outsideTheContractIsNotJudged() {
    assertTrue(judge("GET", "/dashboard/app.js", 200, "text/javascript", "x").isEmpty());
    assertTrue(judge("GET", "/jobs/" + ID, 405, "text/plain", "x").isEmpty());
    assertTrue(judge("PUT", "/submit", 405, "text/plain", "x").isEmpty());
    assertTrue(judge("GET", "*", 400, "text/plain", "x").isEmpty());
    assertTrue(contract.declares("DELETE", "/jobs/" + ID));
    assertTrue(contract.declares("HEAD", "/metrics"));
  }

  private List<String> judge(String method, String target, int status, String contentType, String body) {
    return contract.violations(method, target, status, Map.of("Content-Type", List.of(contentType),
        "X-Request-Id", List.of("r")), bytes(body));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
