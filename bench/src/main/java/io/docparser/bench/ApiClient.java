package io.docparser.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** The service's API as a client uses it: submit raw bytes, long-poll the status, fetch the result, delete. */
final class ApiClient {

  private static final int LONG_POLL_SECONDS = 60;
  /** Longer than a long poll; a request that takes longer counts as an error. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(LONG_POLL_SECONDS + 30);
  /** Answers to a submit that are about the document, not about the service's state (as 429 and 5xx are). */
  private static final Set<Integer> REFUSALS = Set.of(400, 413, 415);

  private final HttpClient http;

  ApiClient(HttpClient http) {
    this.http = http;
  }

  static HttpClient newHttpClient() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  CompletableFuture<HttpResponse<String>> submit(String base, BenchDocument document) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/submit?filename="
            + URLEncoder.encode(document.name(), StandardCharsets.UTF_8) + "&output_format=text"))
        .timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(document.bytes()));
    if (document.password() != null) {
      request.header("X-Document-Password", percentEncoded(document.password()));
    }
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The password header as the service decodes it: percent-encoded UTF-8 in which '+' is a plus sign. URLEncoder
   * writes a space as '+', so its spaces are turned into %20; a '+' of the password is already %2B there.
   */
  static String percentEncoded(String password) {
    return URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The job's status once it has ended (long-polling). */
  JsonObject awaitEnd(String base, String jobId) throws IOException, InterruptedException {
    while (true) {
      JsonObject status = new JsonObject(expect(200, get(base + "/status/" + jobId + "?wait=" + LONG_POLL_SECONDS))
          .body());
      String state = status.getString("status");
      if (!"queued".equals(state) && !"processing".equals(state)) {
        return status;
      }
    }
  }

  HttpResponse<String> result(String base, String jobId) throws IOException, InterruptedException {
    return expect(200, get(base + "/result/" + jobId));
  }

  HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  void delete(String base, String jobId) throws IOException, InterruptedException {
    expect(200, http.send(HttpRequest.newBuilder(URI.create(base + "/jobs/" + jobId)).timeout(REQUEST_TIMEOUT)
        .DELETE().build(), HttpResponse.BodyHandlers.discarding()));
  }

  /**
   * The service's refusal of the document itself (it is malformed, too large, or of a type /submit does not take),
   * as the document's outcome; null when the answer is anything else.
   */
  static String refusal(HttpResponse<String> answer) {
    if (!REFUSALS.contains(answer.statusCode())) {
      return null;
    }
    return "refused " + answer.statusCode() + " " + new JsonObject(answer.body()).getString("error_code");
  }

  static String jobId(HttpResponse<String> accepted) {
    return new JsonObject(expect(202, accepted).body()).getString("job_id");
  }

  private static <T> HttpResponse<T> expect(int status, HttpResponse<T> answer) {
    if (answer.statusCode() != status) {
      throw new IllegalStateException(answer.request().method() + " " + answer.uri().getPath() + " answered "
          + answer.statusCode() + " instead of " + status);
    }
    return answer;
  }
}
