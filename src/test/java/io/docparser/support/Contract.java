package io.docparser.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator.SpecSource;
import com.atlassian.oai.validator.interaction.ApiOperationResolver;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.ApiOperationMatch;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.atlassian.oai.validator.util.OpenApiLoader;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The published openapi.yaml, loaded once, as a judge of answers: for an answer to an operation the contract declares,
 * is its status declared (or covered by {@code default}), its Content-Type one declared for that status, its body
 * valid against that media type's schema, and are its declared headers valid? Paths and methods the contract does not
 * declare (static files, unknown paths) are outside it and not judged.
 *
 * <p>Built on swagger-request-validator's path resolver and schema validator (which read every media type and know
 * {@code oneOf}, {@code discriminator}, {@code nullable} and formats), but choosing the media type itself: the library
 * compares media types without their parameters, and this contract declares {@code application/json} (API JSON) and
 * {@code application/json; charset=utf-8} (the json output's raw content) as two answers of one status. A declared
 * media type matches an answer's when type and subtype are equal and every parameter it declares is present with the
 * same value; the declared type with the most parameters wins. Objects with declared properties take no undeclared
 * ones (the library's default): a field the server sends that the contract does not declare is drift too.
 */
public final class Contract {

  private static final Contract PUBLISHED = load(projectFile("openapi.yaml"));
  /** Every answer carries it, says the contract's description; it is declared (not required) on each response. */
  private static final String REQUEST_ID = "X-Request-Id";
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final OpenAPI api;
  private final ApiOperationResolver operations;
  private final SchemaValidator schemas;

  private Contract(OpenAPI api) {
    this.api = api;
    this.operations = new ApiOperationResolver(api, null, false);
    this.schemas = new SchemaValidator(api, new MessageResolver());
  }

  /** The repository's openapi.yaml: the contract the router is built from and clients are generated from. */
  public static Contract published() {
    return PUBLISHED;
  }

  public OpenAPI api() {
    return api;
  }

  /** The values of the contract's {@code ErrorCode} schema. */
  public Set<String> errorCodes() {
    List<?> values = api.getComponents().getSchemas().get("ErrorCode").getEnum();
    return values.stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new));
  }

  static Contract load(Path file) {
    try {
      ParseOptions options = new ParseOptions();
      options.setResolve(true);
      options.setResolveFully(true);
      options.setResolveCombinators(false);
      return new Contract(new OpenApiLoader().loadApi(SpecSource.inline(Files.readString(file)), List.of(), options));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the contract " + file.toAbsolutePath(), e);
    }
  }

  static Path projectFile(String name) {
    return Path.of(System.getProperty("docparser.projectDir", ".")).resolve(name);
  }

  /** Whether the contract declares this method on this request target's path. */
  public boolean declares(String method, String target) {
    return operation(method, target).isPresent();
  }

  /**
   * What is wrong with this answer by the contract; empty when it conforms, or when its method and path are outside the
   * contract.
   *
   * @param target  the request target as sent (path and query, not decoded)
   * @param headers the answer's headers, every value of each (names in any case)
   * @param body    the answer's body, or null when none was read (a HEAD)
   */
  public List<String> violations(String method, String target, int status, Map<String, List<String>> headers,
      byte[] body) {
    Optional<ApiOperation> operation = operation(method, target);
    if (operation.isEmpty()) {
      return List.of();
    }
    boolean head = "HEAD".equalsIgnoreCase(method);
    Answer answer = new Answer(status, caseInsensitive(headers), head ? null : body);
    ApiResponse declared = declaredResponse(operation.get().getOperation().getResponses(), status);
    if (declared == null) {
      return List.of("status " + status + " is not declared for " + describe(operation.get()) + " (declared: "
          + operation.get().getOperation().getResponses().keySet() + ")");
    }
    List<String> found = new ArrayList<>();
    checkHeaders(declared, answer, found);
    checkContent(declared, answer, found);
    return found;
  }

  /** Fails with the request, the answer and every violation, when the answer does not conform. */
  public void assertConforms(String method, String target, int status, Map<String, List<String>> headers,
      byte[] body) {
    List<String> violations = violations(method, target, status, headers, body);
    if (!violations.isEmpty()) {
      throw new AssertionError(report(method, target, status, headers, body, violations));
    }
  }

  public static String report(String method, String target, int status, Map<String, List<String>> headers,
      byte[] body, List<String> violations) {
    String text = body == null ? "(no body read)" : new String(body, StandardCharsets.UTF_8);
    if (text.length() > 2000) {
      text = text.substring(0, 2000) + "... (" + body.length + " bytes)";
    }
    return "the answer does not conform to openapi.yaml\n  request: " + method + " " + abbreviate(target)
        + "\n  answer: " + status + " " + headers + "\n  body: " + text + "\n  violations:\n    - "
        + String.join("\n    - ", violations);
  }

  private static String abbreviate(String target) {
    return target.length() > 300 ? target.substring(0, 300) + "... (" + target.length() + " chars)" : target;
  }

  private Optional<ApiOperation> operation(String method, String target) {
    String path = pathOf(target);
    if (path == null) {
      return Optional.empty();
    }
    Request.Method asked;
    try {
      asked = Request.Method.valueOf("HEAD".equalsIgnoreCase(method) ? "GET" : method.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknownMethod) {
      return Optional.empty();
    }
    try {
      ApiOperationMatch match = operations.findApiOperation(path, asked);
      return match.isPathFound() && match.isOperationAllowed() ? Optional.of(match.getApiOperation())
          : Optional.empty();
    } catch (RuntimeException unparsablePath) {
      return Optional.empty();
    }
  }

  /** The path of an origin-form request target, or null for any other form. */
  private static String pathOf(String target) {
    if (target == null || !target.startsWith("/")) {
      return null;
    }
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }

  private static ApiResponse declaredResponse(ApiResponses responses, int status) {
    ApiResponse exact = responses.get(String.valueOf(status));
    if (exact != null) {
      return exact;
    }
    ApiResponse range = responses.get(status / 100 + "XX");
    return range != null ? range : responses.get("default");
  }

  private void checkHeaders(ApiResponse declared, Answer answer, List<String> found) {
    if (answer.headers.getOrDefault(REQUEST_ID, List.of()).isEmpty()) {
      found.add("no " + REQUEST_ID + " header (the contract says every answer carries one)");
    }
    Map<String, Header> headers = declared.getHeaders() == null ? Map.of() : declared.getHeaders();
    headers.forEach((name, header) -> {
      List<String> values = answer.headers.getOrDefault(name, List.of());
      if (values.isEmpty() && Boolean.TRUE.equals(header.getRequired())) {
        found.add("the required header " + name + " is missing");
      }
      for (String value : values) {
        errors(schemas.validate(value, header.getSchema(), "response.header"))
            .forEach(message -> found.add("header " + name + ": '" + value + "': " + message));
      }
    });
  }

  private void checkContent(ApiResponse declared, Answer answer, List<String> found) {
    Map<String, MediaType> content = declared.getContent() == null ? Map.of() : declared.getContent();
    if (content.isEmpty()) {
      if (answer.body != null && answer.body.length > 0) {
        found.add("a body, where the contract declares none for status " + answer.status);
      }
      return;
    }
    String contentType = answer.first("Content-Type");
    if (contentType == null) {
      found.add("no Content-Type, where the contract declares " + content.keySet());
      return;
    }
    Optional<String> chosen = MediaTypes.declaredFor(contentType, content.keySet());
    if (chosen.isEmpty()) {
      found.add("Content-Type '" + contentType + "' is not one the contract declares for status " + answer.status
          + ": " + content.keySet());
      return;
    }
    if (answer.body == null) {
      return;
    }
    if (answer.body.length == 0) {
      found.add("an empty body, where the contract declares " + chosen.get());
      return;
    }
    checkBody(chosen.get(), content.get(chosen.get()), answer, found);
  }

  private void checkBody(String mediaType, MediaType declared, Answer answer, List<String> found) {
    if (declared.getSchema() == null || !MediaTypes.isJson(mediaType)) {
      return;
    }
    JsonNode body;
    try {
      body = JSON.readTree(answer.body);
    } catch (IOException e) {
      found.add("the body is not JSON (" + mediaType + "): " + e.getMessage());
      return;
    }
    errors(schemas.validate(() -> body, declared.getSchema(), "response.body"))
        .forEach(message -> found.add("body (" + mediaType + "): " + message));
  }

  private static List<String> errors(ValidationReport report) {
    return report.getMessages().stream()
        .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
        .map(message -> message.getMessage() + (message.getAdditionalInfo().isEmpty() ? ""
            : " " + message.getAdditionalInfo()))
        .toList();
  }

  private static String describe(ApiOperation operation) {
    return operation.getMethod() + " " + operation.getApiPath().original();
  }

  private static Map<String, List<String>> caseInsensitive(Map<String, List<String>> headers) {
    Map<String, List<String>> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> all.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
    return all;
  }

  /** An answer as the judge sees it: status, headers by name in any case, and the body (null for a HEAD). */
  private record Answer(int status, Map<String, List<String>> headers, byte[] body) {

    String first(String name) {
      List<String> values = headers.getOrDefault(name, List.of());
      return values.isEmpty() ? null : values.get(0);
    }
  }

  /** The request target (raw path and query) of a URI, as it went on the wire. */
  public static String target(URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }
}
