package io.docparser.support.fuzz;

import io.docparser.support.fuzz.NastyInputs.Value;
import io.docparser.support.fuzz.Operations.Access;
import io.docparser.support.fuzz.Operations.Op;
import io.docparser.support.fuzz.Operations.Param;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Random mutations of a well-formed request, each of which names what it did: values of the wrong type, missing,
 * extra and repeated parameters, broken escapes and control bytes, long values, wrong media types, broken bodies,
 * unwanted bodies, keys of every wrong sort, other methods, hosts, versions and paths.
 */
public final class Mutations {

  /** One mutation. */
  @FunctionalInterface
  interface Mutation {
    void apply(FuzzRequest request, Op op, RequestFactory factory, Random random);
  }

  private static final List<Mutation> ALL = List.of(
      Mutations::queryValue, Mutations::queryValue, Mutations::extraOrMissingQuery, Mutations::repeatedQuery,
      Mutations::pathValue, Mutations::headerParamValue, Mutations::contentType, Mutations::multipart,
      Mutations::jsonBody, Mutations::unwantedBody, Mutations::key, Mutations::key, Mutations::method,
      Mutations::host, Mutations::version, Mutations::pathShape, Mutations::manyHeaders, Mutations::framing);

  private Mutations() {
  }

  /** One to three random mutations. */
  public static void mutate(FuzzRequest request, Op op, RequestFactory factory, Random random) {
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      ALL.get(random.nextInt(ALL.size())).apply(request, op, factory, random);
    }
  }

  private static Value nasty(Random random) {
    return NastyInputs.VALUES.get(random.nextInt(NastyInputs.VALUES.size()));
  }

  private static void queryValue(FuzzRequest request, Op op, RequestFactory factory, Random random) {
    List<Param> params = op.params("query");
    String name = params.isEmpty() ? "zz" : params.get(random.nextInt(params.size())).name();
    Value value = nasty(random);
    request.query.removeIf(parameter -> parameter[0].equals(name));
    request.query.add(new String[] {name, value.wire()});
    request.note("query " + name + " = " + value.label());
  }

  private static void extraOrMissingQuery(FuzzRequest request, Op op, RequestFactory factory, Random random) {
    switch (random.nextInt(4)) {
      case 0 -> request.query.add(new String[] {"unknown_" + random.nextInt(9), "1"});
      case 1 -> request.query.add(new String[] {"password", "secret"});
      case 2 -> request.query.add(new String[] {op.params("query").isEmpty() ? "x" : op.params("query").get(0).name(),
          null});
      default -> request.query.add(new String[] {"", ""});
    }
    request.note("an extra query parameter: " + request.query.get(request.query.size() - 1)[0]);
  }

  private static void repeatedQuery(FuzzRequest request, Op op, RequestFactory factory, Random random) {
    List<Param> params = op.params("query");
    if (params.isEmpty()) {
      request.query.add(new String[] {"a", "1"});
      request.query.add(new String[] {"a", "2"});
    } else {
      Param param = params.get(random.nextInt(params.size()));
      request.query.add(new String[] {param.name(), RequestFactory.encode(RequestFactory.validValue(param, random))});
      request.query.add(new String[] {param.name(), RequestFactory.encode(RequestFactory.validValue(param, random))});
    }
    request.note("a query parameter twice");
  }

  private static void pathValue(FuzzRequest request, Op op, RequestFactory factory, Random random) {
    Value value = nasty(random);
    if (op.path().contains("{job_id}")) {
      request.path = op.path().replace("{job_id}", value.wire());
      request.note("job_id = " + value.label());
    } else {
      request.path = request.path + value.wire();
      request.note("path + " + value.label());
    }
  }

  private static void headerParamValue(FuzzRequest request, Op op, RequestFactory factory, Random random) {
    List<Param> params = op.params("header");
    String name = params.isEmpty() ? "X-Request-Id" : params.get(random.nextInt(params.size())).name();
    Value value = nasty(random);
    request.removeHeader(name).header(name, value.wire());
    request.note("header " + name + " = " + value.label());
  }

  private static void contentType(FuzzRequest request, Op op, RequestFactory factory, Random random) {
    String type = random.nextInt(3) == 0 ? "multipart/form-data; boundary=" + RequestFactory.BOUNDARY
        : NastyInputs.CONTENT_TYPES.get(random.nextInt(NastyInputs.CONTENT_TYPES.size()));
    request.removeHeader("Content-Type").header("Content-Type", type);
    if (request.body == null && random.nextBoolean()) {
      request.body = "{\"document_data\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    }
    request.note("Content-Type " + FuzzRequest.printable(type.length() > 60 ? type.substring(0, 60) : type));
  }

  private static void multipart(FuzzRequest request, Op op, RequestFactory factory, Random random) {
    List<String[]> cases = NastyInputs.multipartCases();
    String[] chosen = cases.get(random.nextInt(cases.size()));
    request.removeHeader("Content-Type").header("Content-Type", chosen[1]);
    request.body = chosen[2].getBytes(StandardCharsets.ISO_8859_1);
    request.note("multipart: " + chosen[0]);
  }

  private static void jsonBody(FuzzRequest request, Op op, RequestFactory factory, Random random) {
    Value value = NastyInputs.JSON_VALUES.get(random.nextInt(NastyInputs.JSON_VALUES.size()));
    String field = List.of("document_data", "document_base64", "filename", "content_type", "output_format",
        "password", "unknown").get(random.nextInt(7));
    String json = switch (random.nextInt(4)) {
      case 0 -> "{\"" + field + "\":" + value.wire() + "}";
      case 1 -> "{\"document_data\":\"x\",\"" + field + "\":" + value.wire() + "}";
      case 2 -> "{\"document_data\":\"x\",\"document_data\":\"y\"}";
      default -> value.wire();
    };
    request.removeHeader("Content-Type").header("Content-Type", "application/json");
    request.body = json.getBytes(StandardCharsets.ISO_8859_1);
    request.note("JSON body with " + field + " = " + value.label());
  }

  private static void unwantedBody(FuzzRequest request, Op op, RequestFactory factory, Random random) {
    int size = List.of(1, 100, 70_000, 2_000_000).get(random.nextInt(4));
    request.body = "x".repeat(size).getBytes(StandardCharsets.ISO_8859_1);
    request.note("a body of " + size + " bytes");
  }

  private static void key(FuzzRequest request, Op op, RequestFactory factory, Random random) {
    RequestFactory.Keys keys = factory.target().keys();
    String tenant = keys == null ? "no-such-key" : keys.tenant();
    String operator = keys == null ? "no-such-operator-key" : keys.operator();
    String other = op.access() == Access.OPERATOR ? tenant : operator;
    request.removeHeader("Authorization").removeHeader("X-API-Key");
    switch (random.nextInt(8)) {
      case 0 -> request.note("no key");
      case 1 -> request.header("X-API-Key", "wrong-" + UUID.randomUUID()).note("a wrong key");
      case 2 -> request.header("Authorization", "Bearer " + other).note("a key of the other kind");
      case 3 -> request.header("Authorization", "Bearer " + tenant).header("X-API-Key", operator)
          .note("two different keys");
      case 4 -> request.header("Authorization", "Bearer " + tenant).header("Authorization", "Bearer " + operator)
          .note("Authorization twice, different");
      case 5 -> request.header("Authorization", List.of("Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "bearer " + tenant,
          "Bearer  " + tenant, "Bearer " + tenant + " extra").get(random.nextInt(6))).note("a malformed Authorization");
      case 6 -> request.header("X-API-Key", nasty(random).wire()).note("a nasty X-API-Key");
      default -> request.header("X-API-Key", keys == null ? "k" : keys.otherTenant())
          .note("the other tenant's key");
    }
  }

  private static void method(FuzzRequest request, Op op, RequestFactory factory, Random random) {
    request.method = NastyInputs.METHODS.get(random.nextInt(NastyInputs.METHODS.size()));
    request.note("method " + FuzzRequest.printable(request.method.length() > 20 ? "X*300" : request.method));
  }

  private static void host(FuzzRequest request, Op op, RequestFactory factory, Random random) {
    String host = factory.target().host();
    request.removeHeader("Host");
    switch (random.nextInt(6)) {
      case 0 -> request.note("no Host");
      case 1 -> request.header("Host", "evil.example:" + host.substring(host.indexOf(':') + 1)).note("another Host");
      case 2 -> request.header("Host", host).header("Host", host).note("Host twice");
      case 3 -> request.header("Host", "user@" + host).note("a Host with user info");
      case 4 -> request.header("Host", host.substring(0, host.indexOf(':'))).note("a Host without the port");
      default -> request.header("Host", "[::1]:" + host.substring(host.indexOf(':') + 1)).note("Host [::1]");
    }
  }

  private static void version(FuzzRequest request, Op op, RequestFactory factory, Random random) {
    request.version = List.of("HTTP/1.0", "HTTP/2.0", "HTTP/1.2", "HTTP/9.9", "HTTP/1", "http/1.1", "HTTPS/1.1")
        .get(random.nextInt(7));
    request.note("version " + request.version);
  }

  private static void pathShape(FuzzRequest request, Op op, RequestFactory factory, Random random) {
    String path = request.path;
    request.path = switch (random.nextInt(7)) {
      case 0 -> path + "/";
      case 1 -> "/" + path;
      case 2 -> path.replace("/", "/./");
      case 3 -> path.toUpperCase(java.util.Locale.ROOT);
      case 4 -> path.replaceFirst("/", "%2F");
      case 5 -> path + ";jsessionid=1";
      default -> path.substring(0, path.lastIndexOf('/') + 1);
    };
    request.note("path shape " + FuzzRequest.printable(request.path));
  }

  private static void manyHeaders(FuzzRequest request, Op op, RequestFactory factory, Random random) {
    switch (random.nextInt(4)) {
      case 0 -> request.header("X-Big", "b".repeat(9000)).note("a header of 9000 bytes");
      case 1 -> {
        for (int i = 0; i < 300; i++) {
          request.header("X-Many-" + i, "0123456789");
        }
        request.note("300 headers");
      }
      case 2 -> request.header("X-" + "n".repeat(9000), "v").note("a header name of 9000 bytes");
      default -> request.header("X-Request-Id", "a").header("X-Request-Id", "b").note("X-Request-Id twice");
    }
  }

  private static void framing(FuzzRequest request, Op op, RequestFactory factory, Random random) {
    byte[] body = request.body == null ? "abc".getBytes(StandardCharsets.ISO_8859_1) : request.body;
    switch (random.nextInt(4)) {
      case 0 -> {
        request.contentLength = false;
        request.header("Transfer-Encoding", "chunked");
        request.body = chunked(body);
        request.note("a chunked body");
      }
      case 1 -> {
        request.contentLength = false;
        request.header("Content-Length", "-1");
        request.body = body;
        request.note("Content-Length -1");
      }
      case 2 -> {
        request.contentLength = false;
        request.header("Content-Length", "99999999999999999999");
        request.body = body;
        request.note("Content-Length of 20 digits");
      }
      default -> {
        request.contentLength = false;
        request.header("Transfer-Encoding", "gzip, chunked");
        request.body = chunked(body);
        request.note("Transfer-Encoding gzip, chunked");
      }
    }
  }

  static byte[] chunked(byte[] body) {
    String head = Integer.toHexString(body.length) + "\r\n";
    byte[] all = new byte[head.length() + body.length + 7];
    System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, all, 0, head.length());
    System.arraycopy(body, 0, all, head.length(), body.length);
    System.arraycopy("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0, all, head.length() + body.length, 7);
    return all;
  }
}
