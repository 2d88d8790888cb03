package io.docparser.support;

import io.docparser.client.ApiClient;
import io.docparser.client.ApiException;
import io.docparser.client.api.JobsApi;
import io.docparser.client.auth.ApiKeyAuth;
import io.docparser.client.auth.HttpBearerAuth;
import io.docparser.client.model.ApiError;
import io.docparser.client.model.JobStatus;
import io.docparser.client.model.Status;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/**
 * Clients generated from openapi.yaml at build time (package {@code io.docparser.client}), pointed at a running node.
 * The key is set through the authentication objects the generator made from the contract's security schemes, looked
 * up by the schemes' names, so a renamed or retyped scheme breaks the build instead of silently sending no key. Every
 * answer they receive is judged against the published openapi.yaml ({@link Contract}) before the generated code reads
 * it, so an answer the generated models happen to accept still fails the test when it drifts from the contract.
 */
public final class GeneratedClients {

  private static final Duration JOB_DEADLINE = Duration.ofSeconds(90);
  /** Long-poll seconds per status call: the answer comes as soon as the job is terminal. */
  private static final int WAIT_SECONDS = 10;
  private static final Set<Status> TERMINAL = Set.of(Status.COMPLETED, Status.FAILED, Status.CANCELLED);

  private GeneratedClients() {
  }

  /** A client that sends no key. */
  public static ApiClient anonymous(int port) {
    return new ApiClient(judgedHttpClient()).setBasePath("http://127.0.0.1:" + port);
  }

  /** An HTTP client that reads each answer whole, judges it against the contract, and hands it on. */
  private static CloseableHttpClient judgedHttpClient() {
    return HttpClients.custom().addExecInterceptorLast("contract", (request, scope, chain) -> {
      ClassicHttpResponse response = chain.proceed(request, scope);
      HttpEntity entity = response.getEntity();
      byte[] body = entity == null ? new byte[0] : EntityUtils.toByteArray(entity);
      if (entity != null) {
        response.setEntity(new ByteArrayEntity(body, ContentType.parseLenient(entity.getContentType())));
      }
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (Header header : response.getHeaders()) {
        headers.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
      }
      Contract.published().assertConforms(request.getMethod(), request.getRequestUri(), response.getCode(), headers,
          "HEAD".equals(request.getMethod()) ? null : body);
      return response;
    }).build();
  }

  /** A client that sends {@code key} as {@code Authorization: Bearer}, the contract's {@code bearerAuth} scheme. */
  public static ApiClient withBearer(int port, String key) {
    ApiClient client = anonymous(port);
    ((HttpBearerAuth) client.getAuthentication("bearerAuth")).setBearerToken(key);
    return client;
  }

  /** A client that sends {@code key} in {@code X-API-Key}, the contract's {@code apiKeyHeader} scheme. */
  public static ApiClient withApiKeyHeader(int port, String key) {
    ApiClient client = anonymous(port);
    ((ApiKeyAuth) client.getAuthentication("apiKeyHeader")).setApiKey(key);
    return client;
  }

  /** Long-polls the job's status until it is terminal. */
  public static JobStatus awaitTerminal(JobsApi jobs, UUID jobId) throws ApiException {
    long deadline = System.nanoTime() + JOB_DEADLINE.toNanos();
    JobStatus status = jobs.getJobStatus(jobId.toString(), WAIT_SECONDS, null);
    while (!TERMINAL.contains(status.getStatus())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("job " + jobId + " is still " + status.getStatus() + " after " + JOB_DEADLINE);
      }
      status = jobs.getJobStatus(jobId.toString(), WAIT_SECONDS, null);
    }
    return status;
  }

  /** The error body of a failed call, read into the contract's {@code ApiError} model. */
  public static ApiError errorOf(ApiClient client, ApiException failure) {
    try {
      return client.getObjectMapper().readValue(failure.getResponseBody(), ApiError.class);
    } catch (IOException e) {
      throw new UncheckedIOException("the error body is not the contract's ApiError: " + failure.getResponseBody(), e);
    }
  }
}
