package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.docparser.persistence.StoreMaps;
import io.docparser.support.ApiClient;
import io.docparser.support.TestDocuments;
import io.docparser.support.TestNode;
import io.docparser.support.TikaReference;
import io.docparser.support.TikaReference.Expected;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(VertxExtension.class)
@DisplayName("Real documents through every upload form and output format")
class DocumentFormatsTest {

  private static final Map<String, byte[]> DOCUMENTS = new LinkedHashMap<>();
  /** Tika's expectation of each document in each format: the same for every upload form. */
  private static final Map<String, Expected> EXPECTED = new ConcurrentHashMap<>();
  private static final String PASSWORD = "Pässwort+1";

  @TempDir
  static Path uploads;
  private static ApiClient api;

  @BeforeAll
  static void startNode(Vertx vertx, VertxTestContext context) {
    DOCUMENTS.put("report.pdf", TestDocuments.pdf(List.of("Page one of the report", "Page two, with totals")));
    DOCUMENTS.put("report.docx", TestDocuments.docx());
    DOCUMENTS.put("figures.xlsx", TestDocuments.xlsx());
    DOCUMENTS.put("slides.pptx", TestDocuments.pptx());
    DOCUMENTS.put("status.html", TestDocuments.html());
    DOCUMENTS.put("bundle.zip", TestDocuments.zip(Map.of("inner/report.docx", TestDocuments.docx(),
        "inner/figures.xlsx", TestDocuments.xlsx())));
    TestNode.deploy(vertx, Map.of("DOCPARSER_UPLOAD_DIR", uploads.toString(), "DOCPARSER_WORKERS", "2"))
        .onComplete(context.succeeding(config -> {
          api = new ApiClient(config.httpPort());
          context.completeNow();
        }));
  }

  /** After every job of this class has ended, nothing of their documents or passwords is left in the cluster. */
  @AfterAll
  static void nothingOutlivesItsJob() throws Exception {
    HazelcastInstance member = Hazelcast.getAllHazelcastInstances().stream()
        .filter(instance -> instance.getConfig().getMapConfigs().containsKey(StoreMaps.DOCUMENTS))
        .findFirst().orElseThrow();
    for (int i = 0; i < 20 && member.getMap(StoreMaps.DOCUMENTS).size() + member.getMap(StoreMaps.PASSWORDS).size() > 0;
        i++) {
      Thread.sleep(100);
    }
    assertEquals(0, member.getMap(StoreMaps.DOCUMENTS).size(), "document chunks outlived their jobs");
    assertEquals(0, member.getMap(StoreMaps.PASSWORDS).size(), "passwords outlived their parse");
  }

  /** Uploads are deleted as their request ends, asynchronously: a moment after the answer, none is left. */
  @AfterEach
  void noUploadOutlivesItsRequest() throws Exception {
    List<Path> left = List.of();
    for (int attempt = 0; attempt < 20; attempt++) {
      try (Stream<Path> files = Files.list(uploads)) {
        left = files.toList();
      }
      if (left.isEmpty()) {
        return;
      }
      Thread.sleep(100);
    }
    assertEquals(List.of(), left, "temp files left in the upload directory");
  }

  enum Form { BASE64_JSON, MULTIPART, RAW }

  static Stream<Arguments> documentsFormsAndOutputs() {
    return DOCUMENTS.keySet().stream().flatMap(name -> Stream.of(Form.values()).flatMap(form ->
        Stream.of("text", "markdown", "html", "json").map(format -> Arguments.of(name, form, format))));
  }

  @ParameterizedTest(name = "{0} as {1}, {2} out")
  @MethodSource("documentsFormsAndOutputs")
  @DisplayName("every document, in every upload form and output format, reaches the parser unchanged and comes back as Tika's own handler writes it")
  void everyFormAndFormat(String name, Form form, String format) throws Exception {
    byte[] document = DOCUMENTS.get(name);

    JsonObject status = api.awaitTerminal(ApiClient.acceptedId(submit(form, name, document, format)));

    assertEquals("completed", status.getString("status"), status.encode());
    assertEquals(sha256(document), status.getString("sha256"));
    assertEquals(document.length, status.getLong("size_bytes"));
    assertEquals(name, status.getString("filename"));
    assertEquals(format, status.getString("output_format"));
    JsonObject result = result(status.getString("job_id"));
    assertEquals(status.getString("content_type"), result.getString("content_type"));
    Expected expected = EXPECTED.computeIfAbsent(name + "|" + format,
        key -> TikaReference.expect(document, name, null, format));
    assertEquals(Optional.empty(), expected.difference(result.getValue("result")));
    assertEquals(Optional.empty(), expected.metadataDifference(metadata(result.getJsonObject("metadata"))));
    assertEquals(expected.metadata().get("Content-Type").get(0), result.getString("content_type"));
    assertRawContent(status.getString("job_id"), format);
  }

  private static void assertRawContent(String jobId, String format) {
    HttpResponse<String> raw = api.get("/result/" + jobId + "?raw=true");
    assertEquals(200, raw.statusCode());
    String expectedType = Map.of("text", "text/plain", "markdown", "text/markdown", "html", "text/html",
        "json", "application/json").get(format);
    assertTrue(raw.headers().firstValue("Content-Type").orElseThrow().startsWith(expectedType));
    if (format.equals("html")) {
      assertTrue(raw.body().contains("<html"), raw.body());
    }
    if (format.equals("json")) {
      assertTrue(raw.body().startsWith("[{"), raw.body());
    }
  }

  @Test
  @DisplayName("a failing embedded document is recorded on its entry, and the job still completes")
  void embeddedFailureIsRecorded() {
    byte[] broken = Arrays.copyOf(DOCUMENTS.get("report.pdf"), 200);
    byte[] zip = TestDocuments.zip(Map.of("good.docx", TestDocuments.docx(), "broken.pdf", broken));

    String jobId = ApiClient.acceptedId(api.submitMultipart(zip, "mixed.zip", Map.of("output_format", "json")));

    assertEquals("completed", api.awaitTerminal(jobId).getString("status"));
    JsonArray documents = result(jobId).getJsonArray("result");
    JsonObject brokenEntry = documents.stream().map(JsonObject.class::cast)
        .filter(d -> "/broken.pdf".equals(d.getString("X-TIKA:embedded_resource_path"))).findFirst().orElseThrow();
    assertTrue(brokenEntry.containsKey("X-TIKA:EXCEPTION:embedded_exception"), brokenEntry.encode());
    assertEquals(Optional.empty(), TikaReference.expect(zip, "mixed.zip", null, "json").difference(documents));
  }

  @Test
  @DisplayName("markdown keeps the DOCX's heading, list and table")
  void markdownKeepsStructure() {
    String markdown = resultOf("report.docx", "markdown").getString("result");

    assertTrue(markdown.contains("# Quarterly Report"), markdown);
    assertTrue(markdown.lines().anyMatch(line -> line.strip().equals("· North grew")), markdown);
    assertTrue(markdown.lines().anyMatch(line -> line.strip().equals("· South grew")), markdown);
    assertTrue(markdown.contains("| Region | Revenue |"), markdown);
    assertTrue(markdown.contains("| North | 120 |"), markdown);
  }

  @Test
  @DisplayName("markdown keeps the HTML page's heading, list and link")
  void markdownOfHtml() {
    String markdown = resultOf("status.html", "markdown").getString("result");

    assertTrue(markdown.contains("# Service status"), markdown);
    assertTrue(markdown.lines().anyMatch(line -> line.strip().equals("- API up")), markdown);
    assertTrue(markdown.contains("[the docs](https://example.org/docs)"), markdown);
  }

  @Test
  @DisplayName("json lists the ZIP's container first, then each member with its path and content")
  void jsonListsArchiveMembers() {
    JsonArray documents = resultOf("bundle.zip", "json").getJsonArray("result");

    assertEquals("application/zip", documents.getJsonObject(0).getString("Content-Type"));
    List<String> paths = documents.stream().skip(1).map(d -> ((JsonObject) d).getString("X-TIKA:embedded_resource_path"))
        .toList();
    assertTrue(paths.contains("/report.docx"), paths.toString());
    assertTrue(paths.contains("/figures.xlsx"), paths.toString());
    String allContent = documents.encode();
    assertTrue(allContent.contains("Quarterly Report") && allContent.contains("Quarter"), allContent);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"bomb.zip", "lolz.xml"})
  @DisplayName("a zip bomb and a billion-laughs XML fail only their own job, fast, with the code of Tika's refusal, and the node goes on parsing")
  void hostileDocumentsFailAlone(String name) throws Exception {
    byte[] hostile = name.endsWith(".zip") ? TestDocuments.zipBomb(100) : TestDocuments.billionLaughs();

    long started = System.nanoTime();
    JsonObject status = api.awaitTerminal(ApiClient.acceptedId(api.submitMultipart(hostile, name, Map.of())));
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    Expected expected = TikaReference.expect(hostile, name, null);
    assertEquals("failed", expected.status(), "Tika itself refuses it");
    assertEquals("failed", status.getString("status"), status.encode());
    assertEquals(expected.errorCode(), status.getString("error_code"), expected.why());
    assertTrue(tookMs < 30_000, "the hostile document took " + tookMs + " ms");
    if (name.endsWith(".zip")) {
      assertTrue(status.getString("error").contains("zip bomb"), status.getString("error"));
    }
    String next = ApiClient.acceptedId(api.submitMultipart(DOCUMENTS.get("report.docx"), "report.docx", Map.of()));
    assertEquals("completed", api.awaitTerminal(next).getString("status"));
  }

  @Test
  @DisplayName("an encrypted PDF opens with its password from a JSON field, and fails as Tika does without it or with a wrong one")
  void encryptedPdf() throws Exception {
    byte[] pdf = TestDocuments.encryptedPdf(List.of("the secret figures"), PASSWORD);

    String opened = ApiClient.acceptedId(api.submitBase64(pdf, Map.of("filename", "secret.pdf", "password", PASSWORD)));
    assertEquals("completed", api.awaitTerminal(opened).getString("status"));
    assertEquals(TikaReference.normalise(TikaReference.text(pdf, "secret.pdf", PASSWORD)),
        TikaReference.normalise(result(opened).getString("result")));

    JsonObject locked = api.awaitTerminal(ApiClient.acceptedId(api.submitBase64(pdf, Map.of())));
    assertEquals(TikaReference.expect(pdf, null, null).errorCode(), locked.getString("error_code"), locked.encode());
    JsonObject wrong = api.awaitTerminal(ApiClient.acceptedId(api.submitBase64(pdf, Map.of("password", "nope"))));
    assertEquals(TikaReference.expect(pdf, null, "nope").errorCode(), wrong.getString("error_code"), wrong.encode());
    assertTrue(!locked.encode().contains(PASSWORD) && !result(opened).encode().contains(PASSWORD));
  }

  @Test
  @DisplayName("an encrypted DOCX opens with its password from the percent-encoded header or a form field, and fails as Tika does without")
  void encryptedDocx() throws Exception {
    byte[] docx = TestDocuments.encryptedDocx(PASSWORD);
    String header = java.net.URLEncoder.encode(PASSWORD, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");

    String viaHeader = ApiClient.acceptedId(api.submitRaw(docx, "?filename=locked.docx",
        Map.of("X-Document-Password", header)));
    assertEquals("completed", api.awaitTerminal(viaHeader).getString("status"));
    assertTrue(result(viaHeader).getString("result").contains("Quarterly Report"));

    String viaForm = ApiClient.acceptedId(api.submitMultipart(docx, "locked.docx", Map.of("password", PASSWORD)));
    assertEquals("completed", api.awaitTerminal(viaForm).getString("status"));

    JsonObject locked = api.awaitTerminal(ApiClient.acceptedId(api.submitRaw(docx, "", Map.of())));
    assertEquals(TikaReference.expect(docx, null, null).errorCode(), locked.getString("error_code"), locked.encode());
  }

  @Test
  @DisplayName("a password in the URL, and one option given twice with different values, are 400")
  void optionConflicts() {
    byte[] pdf = DOCUMENTS.get("report.pdf");

    assertInvalid(api.submitRaw(pdf, "?password=secret", Map.of()), "must not be sent in the URL");
    HttpResponse<String> twice = api.post("/submit?output_format=html", "application/json",
        new JsonObject().put("document_data", "x").put("output_format", "markdown").encode());
    assertInvalid(twice, "output_format is given twice");
    HttpResponse<String> passwords = api.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(api.base() + "/submit"))
        .header("Content-Type", "application/json")
        .header("X-Document-Password", "b")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
            new JsonObject().put("document_data", "x").put("password", "a").encode())));
    assertInvalid(passwords, "password is given twice");
    assertInvalid(api.submitRaw(pdf, "?colour=red", Map.of()), "unknown query parameter 'colour'");
    assertInvalid(api.submitMultipart(pdf, "r.pdf", Map.of("outputformat", "json")), "unknown form field");
  }

  @Test
  @DisplayName("empty and malformed uploads are 400 in every form")
  void emptyUploads() {
    assertInvalid(api.submitRaw(new byte[0], "", Map.of()), "empty");
    assertInvalid(api.submitMultipart(new byte[0], "empty.pdf", Map.of()), "empty");
    assertInvalid(api.submitBase64(new byte[0], Map.of()), "empty");
    assertInvalid(api.post("/submit", "multipart/form-data; boundary=xyz", "--xyz\r\nnot a part"), "");
  }

  private static void assertInvalid(HttpResponse<String> response, String expected) {
    assertEquals(400, response.statusCode(), response.body());
    JsonObject error = ApiClient.json(response);
    assertEquals("INVALID_REQUEST", error.getString("error_code"));
    assertTrue(error.getString("error").contains(expected), error.getString("error"));
  }

  private static HttpResponse<String> submit(Form form, String name, byte[] document, String format) {
    return switch (form) {
      case BASE64_JSON -> api.submitBase64(document, Map.of("filename", name, "output_format", format));
      case MULTIPART -> api.submitMultipart(document, name, Map.of("output_format", format));
      case RAW -> api.submitRaw(document, "?filename=" + name + "&output_format=" + format, Map.of());
    };
  }

  private static JsonObject resultOf(String name, String format) {
    String jobId = ApiClient.acceptedId(api.submitMultipart(DOCUMENTS.get(name), name, Map.of("output_format", format)));
    assertEquals("completed", api.awaitTerminal(jobId).getString("status"));
    return result(jobId);
  }

  private static JsonObject result(String jobId) {
    HttpResponse<String> response = api.get("/result/" + jobId);
    assertEquals(200, response.statusCode(), response.body());
    return ApiClient.json(response);
  }

  private static Map<String, List<String>> metadata(JsonObject metadata) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    metadata.forEach(entry -> map.put(entry.getKey(),
        ((JsonArray) entry.getValue()).stream().map(String::valueOf).toList()));
    return map;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
