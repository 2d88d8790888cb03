package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.DeployedNode;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Security headers")
class SecurityHeadersTest {

  private static final Pattern INLINE_HANDLER = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
  private static final Pattern SCRIPT_TAG = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL);

  @RegisterExtension
  static final DeployedNode node = DeployedNode.with(Map.of());

  private static String jobId;

  /** The headers of every answer but the docs page's: nothing may be sniffed, framed, loaded, cached or referred. */
  static void assertApiHeaders(UnaryOperator<String> header) {
    assertEquals("nosniff", header.apply("X-Content-Type-Options"));
    assertEquals("no-referrer", header.apply("Referrer-Policy"));
    assertEquals("no-store", header.apply("Cache-Control"));
    assertEquals("DENY", header.apply("X-Frame-Options"));
    assertEquals("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        header.apply("Content-Security-Policy"));
  }

  private static UnaryOperator<String> headersOf(HttpResponse<?> response) {
    return name -> response.headers().firstValue(name).orElse(null);
  }

  private static String finishedJob() {
    if (jobId == null) {
      jobId = node.api().submitTextForId("a private document");
      node.api().awaitTerminal(jobId);
    }
    return jobId;
  }

  @ParameterizedTest(name = "GET {0}")
  @ValueSource(strings = {"/status/", "/result/", "/result/?raw=true", "/jobs", "/formats", "/health/ready",
      "/health/live", "/openapi.yaml", "/no/such/path"})
  @DisplayName("API answers, errors included, carry the strict headers, and results and status are never cached")
  void apiAnswersAreStrict(String path) {
    String target = path.replace("/?", "/" + finishedJob() + "?");
    target = target.endsWith("/") ? target + finishedJob() : target;
    HttpResponse<String> response = node.api().get(target);

    assertTrue(response.statusCode() == 200 || path.equals("/no/such/path"), response.statusCode() + " " + target);
    assertApiHeaders(headersOf(response));
  }

  @Test
  @DisplayName("a submission's answer carries the strict headers")
  void submissionIsStrict() {
    HttpResponse<String> response = node.api().submitText("another private document");

    assertEquals(202, response.statusCode());
    assertApiHeaders(headersOf(response));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/docs", "/dashboard"})
  @DisplayName("a page may load scripts and styles from this origin only, and has no inline script")
  void pagesForbidInlineScript(String path) {
    HttpResponse<String> page = node.api().get(path);

    assertEquals(200, page.statusCode());
    String policy = headersOf(page).apply("Content-Security-Policy");
    assertTrue(policy.contains("script-src 'self'"), policy);
    assertTrue(policy.contains("default-src 'none'"), policy);
    assertTrue(policy.contains("frame-ancestors 'none'"), policy);
    assertFalse(policy.contains("unsafe"), policy);
    assertEquals("nosniff", headersOf(page).apply("X-Content-Type-Options"));
    assertEquals("no-referrer", headersOf(page).apply("Referrer-Policy"));
    Matcher scripts = SCRIPT_TAG.matcher(page.body());
    int count = 0;
    for (; scripts.find(); count++) {
      assertTrue(scripts.group(1).contains("src=\"" + path + "/"), scripts.group());
      assertTrue(scripts.group(2).isBlank(), "inline script: " + scripts.group());
    }
    assertEquals(2, count, page.body());
    assertFalse(INLINE_HANDLER.matcher(page.body()).find(), "no inline event handlers: " + page.body());
  }

  @Test
  @DisplayName("the docs page's own script is served from this origin and points Swagger UI at the contract")
  void docsScriptIsServed() {
    HttpResponse<String> script = node.api().get("/docs/swagger-init.js");

    assertEquals(200, script.statusCode());
    assertTrue(headersOf(script).apply("Content-Type").startsWith("text/javascript"));
    assertEquals("nosniff", headersOf(script).apply("X-Content-Type-Options"));
    assertTrue(script.body().contains("url: \"/openapi.yaml\""), script.body());
  }
}
