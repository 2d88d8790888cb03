package io.docparser.support.fuzz;

import io.docparser.support.fuzz.Operations.Access;
import io.docparser.support.fuzz.Operations.Op;
import io.docparser.support.fuzz.Operations.Param;
import io.swagger.v3.oas.models.media.Schema;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Builds a well-formed request for an operation from what the contract declares: its path with a job id, some of its
 * query and header parameters with values their schemas allow, the key its access needs, and a body in one of the
 * media types it takes.
 */
public final class RequestFactory {

  /** The node a request goes to: its Host, its keys (null on a node without keys) and a job the tenant owns. */
  public record Target(String host, Keys keys, String ownJob) {
  }

  /** Two tenant keys and an operator key. */
  public record Keys(String tenant, String otherTenant, String operator) {
  }

  public static final String BOUNDARY = "fuzz-boundary-1b2c3d";

  private final Target target;

  public RequestFactory(Target target) {
    this.target = target;
  }

  public Target target() {
    return target;
  }

  public FuzzRequest valid(Op op, Random random) {
    FuzzRequest request = new FuzzRequest(op.method(), pathFor(op, random)).header("Host", target.host());
    authenticate(request, op.access(), random);
    for (Param param : op.params("query")) {
      if (random.nextInt(3) == 0) {
        request.query.add(new String[] {param.name(), encode(validValue(param, random))});
      }
    }
    for (Param param : op.params("header")) {
      if (random.nextInt(3) == 0) {
        request.header(param.name(), validValue(param, random));
      }
    }
    if (op.takesBody()) {
      body(request, op, op.bodyTypes().get(random.nextInt(op.bodyTypes().size())), random);
    }
    return request;
  }

  /** The request with every optional parameter left out: the base the fixed list of nasty inputs starts from. */
  public FuzzRequest minimal(Op op, String bodyType) {
    FuzzRequest request = new FuzzRequest(op.method(), op.path().replace("{job_id}", target.ownJob()))
        .header("Host", target.host());
    authenticate(request, op.access(), new Random(0));
    if (op.takesBody()) {
      body(request, op, bodyType == null ? op.bodyTypes().get(0) : bodyType, new Random(0));
    }
    return request;
  }

  private String pathFor(Op op, Random random) {
    String jobId = "DELETE".equals(op.method()) || random.nextBoolean() ? UUID.randomUUID().toString()
        : target.ownJob();
    return op.path().replace("{job_id}", jobId);
  }

  /** Adds the key the access needs, in one of the contract's two schemes; on a node without keys, none. */
  public void authenticate(FuzzRequest request, Access access, Random random) {
    String key = keyFor(access, random);
    if (key == null) {
      return;
    }
    if (random.nextBoolean()) {
      request.header("Authorization", "Bearer " + key);
    } else {
      request.header("X-API-Key", key);
    }
  }

  public String keyFor(Access access, Random random) {
    Keys keys = target.keys();
    if (keys == null || access == Access.OPEN) {
      return null;
    }
    return switch (access) {
      case OPERATOR -> keys.operator();
      case ANY -> random.nextBoolean() ? keys.operator() : keys.tenant();
      default -> keys.tenant();
    };
  }

  static String validValue(Param param, Random random) {
    return validValue(param.name(), param.schema(), random);
  }

  @SuppressWarnings("rawtypes")
  static String validValue(String name, Schema schema, Random random) {
    if (schema != null && schema.getEnum() != null && !schema.getEnum().isEmpty()) {
      return String.valueOf(schema.getEnum().get(random.nextInt(schema.getEnum().size())));
    }
    String type = schema == null ? "string" : String.valueOf(schema.getType());
    return switch (type) {
      case "integer" -> String.valueOf(integerIn(schema, random));
      case "boolean" -> String.valueOf(random.nextBoolean());
      default -> stringValue(name, random);
    };
  }

  /** A whole number the schema allows, small (a {@code wait} is a long poll, so at most 2 seconds). */
  @SuppressWarnings("rawtypes")
  private static long integerIn(Schema schema, Random random) {
    long min = schema.getMinimum() == null ? 0 : schema.getMinimum().longValue();
    long max = schema.getMaximum() == null ? min + 2 : Math.min(schema.getMaximum().longValue(), min + 2);
    return min + random.nextInt((int) (max - min + 1));
  }

  private static String stringValue(String name, Random random) {
    return switch (name) {
      case "X-Request-Id" -> "fuzz-" + Integer.toHexString(random.nextInt());
      case "Idempotency-Key" -> "idem-" + Integer.toHexString(random.nextInt());
      case "X-Document-Password" -> "pass%20word";
      case "filename" -> "fuzz.txt";
      case "content_type" -> "text/plain";
      case "password" -> "secret";
      case "cursor" -> "";
      default -> "value";
    };
  }

  private static void body(FuzzRequest request, Op op, String type, Random random) {
    request.header("Content-Type", type.equals("multipart/form-data") ? type + "; boundary=" + BOUNDARY : type);
    String text = "fuzz document " + random.nextInt(1000);
    switch (type) {
      case "application/json" -> request.body = json(op, text, random).getBytes(StandardCharsets.UTF_8);
      case "multipart/form-data" -> request.body = multipart(op, text, random).getBytes(StandardCharsets.UTF_8);
      default -> request.body = text.getBytes(StandardCharsets.UTF_8);
    }
  }

  private static String json(Op op, String text, Random random) {
    StringBuilder json = new StringBuilder("{\"document_data\":\"").append(text).append('"');
    op.bodyFields().forEach((name, schema) -> {
      if (!name.startsWith("document_") && random.nextInt(3) == 0) {
        json.append(",\"").append(name).append("\":\"").append(validValue(name, schema, random)).append('"');
      }
    });
    return json.append('}').toString();
  }

  private static String multipart(Op op, String text, Random random) {
    StringBuilder body = new StringBuilder();
    for (String name : List.of("output_format", "filename", "content_type", "password")) {
      if (random.nextInt(3) == 0) {
        body.append(part(BOUNDARY, name, null, validValue(name, op.bodyFields().get(name), random)));
      }
    }
    return body.append(part(BOUNDARY, "file", "fuzz.txt", text)).append("--").append(BOUNDARY).append("--\r\n")
        .toString();
  }

  public static String part(String boundary, String name, String filename, String content) {
    return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
        + (filename == null ? "" : "; filename=\"" + filename + "\"") + "\r\n\r\n" + content + "\r\n";
  }

  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
