package io.docparser.support;

import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A real HTTP client for the service's API, blocking, for use on the test's own thread. Every answer it returns has
 * been judged against the published openapi.yaml ({@link Contract}): one that does not conform fails the test, with
 * the request, the answer and what is wrong.
 */
public final class ApiClient {

  private static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled");
  private static final Duration JOB_DEADLINE = Duration.ofSeconds(90);
  /** Longer than the longest long poll (?wait=60) the tests make. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(75);

  /** HTTP/1.1, which the service speaks: a client that offers h2c first holds its other requests until it knows. */
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final Map<String, String> headers;

  public ApiClient(int port) {
    this("http://127.0.0.1:" + port, Map.of());
  }

  private ApiClient(String base, Map<String, String> headers) {
    this.base = base;
    this.headers = headers;
  }

  /** A client of the same node that sends this header with every request (an API key, say). */
  public ApiClient withHeader(String name, String value) {
    Map<String, String> more = new HashMap<>(headers);
    more.put(name, value);
    return new ApiClient(base, Map.copyOf(more));
  }

  public String base() {
    return base;
  }

  public HttpResponse<String> submitText(String text) {
    return post("/submit", "application/json", new JsonObject().put("document_data", text).encode());
  }

  /** The job id of an accepted submission; fails the test for any answer but 202. */
  public String submitTextForId(String text) {
    return acceptedId(submitText(text));
  }

  /** {@code POST /submit} as JSON with document_base64 and the given extra fields. */
  public HttpResponse<String> submitBase64(byte[] document, Map<String, String> fields) {
    JsonObject body = new JsonObject().put("document_base64", Base64.getEncoder().encodeToString(document));
    fields.forEach(body::put);
    return post("/submit", "application/json", body.encode());
  }

  /** {@code POST /submit} as multipart/form-data: the document in the part "file", the fields as form fields. */
  public HttpResponse<String> submitMultipart(byte[] document, String filename, Map<String, String> fields) {
    return submitMultipartTo("/submit", document, filename, fields);
  }

  /** A multipart/form-data submission to {@code path}: /submit, or /submit/form, which takes this form alone. */
  public HttpResponse<String> submitMultipartTo(String path, byte[] document, String filename,
      Map<String, String> fields) {
    String boundary = "----docparser-test-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
        + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(document);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  /** {@code POST /submit} with the raw bytes as the body and the options in the query. */
  public HttpResponse<String> submitRaw(byte[] document, String query, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/submit" + query))
        .header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(document));
    headers.forEach(request::header);
    return send(request);
  }

  /** The job id of an accepted submission; fails the test for any answer but 202. */
  public static String acceptedId(HttpResponse<String> response) {
    if (response.statusCode() != 202) {
      fail("submit answered " + response.statusCode() + ": " + response.body());
    }
    return json(response).getString("job_id");
  }

  public HttpResponse<String> post(String path, String contentType, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request);
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public HttpResponse<String> delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
  }

  public HttpResponse<String> send(HttpRequest.Builder request) {
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = http.send(request.timeout(REQUEST_TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString());
      assertConforms(response, response.body().getBytes(StandardCharsets.UTF_8));
      return response;
    } catch (IOException e) {
      throw new AssertionError("request to " + base + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public HttpResponse<byte[]> getBytes(String path) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT).GET();
      headers.forEach(request::header);
      HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      assertConforms(response, response.body());
      return response;
    } catch (IOException e) {
      throw new AssertionError("request to " + base + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Fails the test when the answer does not conform to the contract (see {@link Contract}). */
  private static void assertConforms(HttpResponse<?> response, byte[] body) {
    HttpRequest request = response.request();
    Contract.published().assertConforms(request.method(), Contract.target(request.uri()), response.statusCode(),
        response.headers().map(), body);
  }

  /** The job's status once it is terminal, long-polling with {@code ?wait}. */
  public JsonObject awaitTerminal(String jobId) {
    long deadline = System.nanoTime() + JOB_DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response = get("/status/" + jobId + "?wait=10");
      if (response.statusCode() != 200) {
        fail("status of " + jobId + " answered " + response.statusCode() + ": " + response.body());
      }
      JsonObject status = json(response);
      if (TERMINAL.contains(status.getString("status"))) {
        return status;
      }
    }
    throw new AssertionError("job " + jobId + " did not finish within " + JOB_DEADLINE);
  }

  /** Waits until the job's status is {@code wanted} (such as "processing"), polling every 50 ms for 30 s. */
  public JsonObject awaitStatus(String jobId, String wanted) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject status = json(get("/status/" + jobId));
      if (wanted.equals(status.getString("status"))) {
        return status;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("job " + jobId + " never reached " + wanted);
  }

  public static JsonObject json(HttpResponse<String> response) {
    return new JsonObject(response.body());
  }
}
