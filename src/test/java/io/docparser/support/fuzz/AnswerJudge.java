package io.docparser.support.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docparser.support.Contract;
import io.docparser.support.RawHttp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What every answer to a fuzzed request must be: a 2xx that conforms to the contract, or a 4xx whose body is JSON
 * {@code {"error","error_code","request_id"}} with a code from the contract's {@code ErrorCode} (and that conforms to
 * the contract where the request names an operation it declares); never a 5xx, never silence.
 */
public final class AnswerJudge {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> CODES = Contract.published().errorCodes();

  private AnswerJudge() {
  }

  /**
   * What is wrong with the answer; empty when it is one the contract allows.
   *
   * @param response null when no answer came (the connection closed or timed out first)
   */
  public static List<String> problems(FuzzRequest request, RawHttp.Response response, String noAnswer) {
    if (response == null) {
      return request.silentCloseAllowed && noAnswer != null && noAnswer.contains("closed the connection")
          ? List.of() : List.of("no answer: " + noAnswer);
    }
    List<String> problems = new ArrayList<>();
    int status = response.status();
    if (status >= 500) {
      problems.add("a " + status + " (server error)");
    } else if (status < 200 || (status >= 300 && status < 400)) {
      problems.add("an unexpected " + status);
    }
    if (status >= 400 && !request.isHead()) {
      problems.addAll(errorBodyProblems(response));
    }
    RawHttp.RequestLine line = RawHttp.RequestLine.of(request.toBytes());
    if (line != null) {
      problems.addAll(Contract.published().violations(line.method(), line.target(), status, response.allHeaders(),
          response.rawBody()));
    }
    return problems;
  }

  private static List<String> errorBodyProblems(RawHttp.Response response) {
    String contentType = response.header("Content-Type");
    if (contentType == null || !contentType.startsWith("application/json")) {
      return List.of("an error answered as '" + contentType + "', not application/json");
    }
    JsonNode error;
    try {
      error = JSON.readTree(response.rawBody());
    } catch (IOException e) {
      return List.of("an error body that is not JSON");
    }
    List<String> problems = new ArrayList<>();
    if (error == null || !error.isObject()) {
      return List.of("an error body that is not a JSON object");
    }
    for (String field : List.of("error", "error_code", "request_id")) {
      if (!error.path(field).isTextual()) {
        problems.add("an error body without the string '" + field + "'");
      }
    }
    String code = error.path("error_code").asText();
    if (error.path("error_code").isTextual() && !CODES.contains(code)) {
      problems.add("error_code " + code + " is not one of the contract's ErrorCode values");
    }
    if (error.path("request_id").isTextual()
        && !error.path("request_id").asText().equals(response.header("X-Request-Id"))) {
      problems.add("request_id '" + error.path("request_id").asText() + "' is not the X-Request-Id header '"
          + response.header("X-Request-Id") + "'");
    }
    return problems;
  }
}
