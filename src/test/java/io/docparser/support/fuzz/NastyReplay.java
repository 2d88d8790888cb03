package io.docparser.support.fuzz;

import io.docparser.support.fuzz.NastyInputs.Value;
import io.docparser.support.fuzz.Operations.Access;
import io.docparser.support.fuzz.Operations.Op;
import io.docparser.support.fuzz.Operations.Param;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The fixed list of nasty inputs ({@link NastyInputs}) put into every parameter of every operation: the job id in the
 * path, each query and header parameter, the key, each field of a JSON or multipart body, the Content-Type; and
 * every method on every path, huge headers, unwanted bodies and other HTTP versions on every operation.
 */
public final class NastyReplay {

  private final RequestFactory factory;

  public NastyReplay(RequestFactory factory) {
    this.factory = factory;
  }

  /** Every request of the replay, for every operation. */
  public List<FuzzRequest> requests(List<Op> ops) {
    List<FuzzRequest> all = new ArrayList<>();
    Set<String> paths = new LinkedHashSet<>();
    for (Op op : ops) {
      all.addAll(forOperation(op));
      paths.add(op.path());
    }
    for (String path : paths) {
      Op op = ops.stream().filter(candidate -> candidate.path().equals(path)).findFirst().orElseThrow();
      for (String method : NastyInputs.METHODS) {
        FuzzRequest request = factory.minimal(op, null);
        request.method = method;
        all.add(request.note("method " + FuzzRequest.printable(method.length() > 20 ? "X*300" : method)));
      }
    }
    return all;
  }

  private List<FuzzRequest> forOperation(Op op) {
    List<FuzzRequest> requests = new ArrayList<>();
    for (Value value : NastyInputs.VALUES) {
      requests.addAll(valueEverywhere(op, value));
    }
    if (op.bodyTypes().contains("application/json")) {
      for (Value value : NastyInputs.JSON_VALUES) {
        for (String field : op.bodyFields().keySet()) {
          requests.add(json(op, field, value.wire()).note("JSON " + field + " = " + value.label()));
        }
      }
    }
    if (op.bodyTypes().contains("multipart/form-data")) {
      for (String[] multipart : NastyInputs.multipartCases()) {
        FuzzRequest request = factory.minimal(op, "multipart/form-data").removeHeader("Content-Type")
            .header("Content-Type", multipart[1]);
        request.body = multipart[2].getBytes(StandardCharsets.ISO_8859_1);
        requests.add(request.note("multipart: " + multipart[0]));
      }
    }
    for (String type : NastyInputs.CONTENT_TYPES) {
      FuzzRequest request = factory.minimal(op, null).removeHeader("Content-Type").header("Content-Type", type);
      requests.add(request.note("Content-Type " + FuzzRequest.printable(type.length() > 60 ? "a*9000" : type)));
    }
    requests.addAll(framingAndHeaders(op));
    return requests;
  }

  /** The value as the job id, each query and header parameter, the key, and each body field. */
  private List<FuzzRequest> valueEverywhere(Op op, Value value) {
    List<FuzzRequest> requests = new ArrayList<>();
    if (op.path().contains("{job_id}")) {
      FuzzRequest request = factory.minimal(op, null);
      request.path = op.path().replace("{job_id}", value.wire());
      requests.add(request.note("job_id = " + value.label()));
    }
    for (Param param : op.params("query")) {
      FuzzRequest request = factory.minimal(op, op.bodyTypes().contains("application/octet-stream")
          ? "application/octet-stream" : null);
      request.query.add(new String[] {param.name(), value.wire()});
      requests.add(request.note("query " + param.name() + " = " + value.label()));
    }
    for (Param param : op.params("header")) {
      requests.add(factory.minimal(op, null).removeHeader(param.name()).header(param.name(), value.wire())
          .note("header " + param.name() + " = " + value.label()));
    }
    if (factory.target().keys() != null && op.access() != Access.OPEN) {
      requests.add(factory.minimal(op, null).removeHeader("Authorization").removeHeader("X-API-Key")
          .header("Authorization", "Bearer " + value.wire()).note("bearer key = " + value.label()));
      requests.add(factory.minimal(op, null).removeHeader("Authorization").removeHeader("X-API-Key")
          .header("X-API-Key", value.wire()).note("X-API-Key = " + value.label()));
    }
    if (op.bodyTypes().contains("application/json")) {
      for (String field : op.bodyFields().keySet()) {
        requests.add(json(op, field, "\"" + jsonText(value.wire()) + "\"").note("JSON " + field + " = "
            + value.label()));
      }
    }
    if (op.bodyTypes().contains("multipart/form-data")) {
      requests.addAll(multipartFields(op, value));
    }
    return requests;
  }

  private FuzzRequest json(Op op, String field, String jsonValue) {
    FuzzRequest request = factory.minimal(op, "application/json");
    String body = field.startsWith("document_") ? "{\"" + field + "\":" + jsonValue + "}"
        : "{\"document_data\":\"x\",\"" + field + "\":" + jsonValue + "}";
    request.body = body.getBytes(StandardCharsets.ISO_8859_1);
    return request;
  }

  private List<FuzzRequest> multipartFields(Op op, Value value) {
    List<FuzzRequest> requests = new ArrayList<>();
    String b = RequestFactory.BOUNDARY;
    for (String field : List.of("output_format", "filename", "content_type", "password")) {
      FuzzRequest request = factory.minimal(op, "multipart/form-data");
      request.body = (RequestFactory.part(b, field, null, value.wire()) + RequestFactory.part(b, "file", "a.txt", "hi")
          + "--" + b + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
      requests.add(request.note("form field " + field + " = " + value.label()));
    }
    FuzzRequest named = factory.minimal(op, "multipart/form-data");
    named.body = (RequestFactory.part(b, "file", value.wire(), "hi") + "--" + b + "--\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    requests.add(named.note("file part's filename = " + value.label()));
    return requests;
  }

  /** Huge headers, bodies where none is wanted, broken framing and other HTTP versions. */
  private List<FuzzRequest> framingAndHeaders(Op op) {
    List<FuzzRequest> requests = new ArrayList<>();
    requests.add(factory.minimal(op, null).header("X-Big", "b".repeat(9000)).note("a header of 9000 bytes"));
    FuzzRequest many = factory.minimal(op, null).note("300 headers");
    for (int i = 0; i < 300; i++) {
      many.header("X-Many-" + i, "0123456789");
    }
    requests.add(many);
    requests.add(factory.minimal(op, null).header("X-" + "n".repeat(9000), "v").note("a header name of 9000 bytes"));
    requests.add(factory.minimal(op, null).header("X-Folded", "a\r\n folded").note("an obsolete folded header"));
    requests.add(factory.minimal(op, null).header(" X-Space", "a").note("a header name starting with a space"));
    requests.add(factory.minimal(op, null).header("X-Empty", "").note("an empty header value"));
    FuzzRequest endless = factory.minimal(op, null);
    endless.endHead = false;
    endless.silentCloseAllowed = true;
    requests.add(endless.note("a head that never ends (closed at the server's header timeout, by design)"));
    for (String[] chunks : List.of(new String[] {"a chunk size that is not hex", "zz\r\nabc\r\n0\r\n\r\n"},
        new String[] {"a chunk-size line of 70000 bytes", "x".repeat(70_000)},
        new String[] {"a chunk longer than its size", "2\r\nabcdef\r\n0\r\n\r\n"},
        new String[] {"a chunk size past 2^63", "99999999999999999999\r\nabc\r\n0\r\n\r\n"})) {
      FuzzRequest broken = factory.minimal(op, op.bodyTypes().contains("application/octet-stream")
          ? "application/octet-stream" : null).header("Transfer-Encoding", "chunked");
      broken.contentLength = false;
      broken.body = chunks[1].getBytes(StandardCharsets.ISO_8859_1);
      requests.add(broken.note("Transfer-Encoding: chunked with " + chunks[0]));
    }
    if (op.takesBody()) {
      FuzzRequest shortBody = factory.minimal(op, null);
      shortBody.missingBodyBytes = 100;
      requests.add(shortBody.note("a body 100 bytes shorter than its Content-Length (the server's body timeout)"));
    } else {
      for (int size : List.of(1, 70_000, 2_000_000)) {
        FuzzRequest request = factory.minimal(op, null);
        request.body = "x".repeat(size).getBytes(StandardCharsets.ISO_8859_1);
        requests.add(request.note("a body of " + size + " bytes on an operation that takes none"));
      }
      FuzzRequest chunked = factory.minimal(op, null).header("Transfer-Encoding", "chunked");
      chunked.contentLength = false;
      chunked.body = Mutations.chunked("abc".getBytes(StandardCharsets.ISO_8859_1));
      requests.add(chunked.note("a chunked body on an operation that takes none"));
    }
    for (String version : List.of("HTTP/1.0", "HTTP/2.0", "HTTP/1.2", "HTTP/9.9", "http/1.1")) {
      FuzzRequest request = factory.minimal(op, null);
      request.version = version;
      requests.add(request.note("version " + version));
    }
    return requests;
  }

  private static String jsonText(String wire) {
    return wire.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
