package io.docparser.support.fuzz;

import io.docparser.support.Contract;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The operations of the published openapi.yaml, as the fuzz test builds requests from them. */
public final class Operations {

  private Operations() {
  }

  /** Who may call an operation on a node with keys. */
  public enum Access {
    /** No key needed ({@code security: []}). */
    OPEN,
    /** Tenant keys only (the contract's default security). */
    TENANT,
    /** Operator keys only ({@code x-docparser-key: operator}). */
    OPERATOR,
    /** Either kind ({@code x-docparser-key: any}). */
    ANY
  }

  /** A declared parameter: where it goes ({@code path}, {@code query}, {@code header}) and its schema. */
  public record Param(String name, String in, Schema<?> schema) {
  }

  /**
   * One operation: its method and path template, its parameters, the media types of its request body (none for an
   * operation that takes no body), the properties of its JSON or multipart body, and who may call it.
   */
  public record Op(String method, String path, String id, List<Param> params, List<String> bodyTypes,
      Map<String, Schema> bodyFields, Access access) {

    public List<Param> params(String in) {
      return params.stream().filter(param -> param.in().equals(in)).toList();
    }

    public boolean takesBody() {
      return !bodyTypes.isEmpty();
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** Every operation of the contract, in its order. */
  public static List<Op> all() {
    OpenAPI api = Contract.published().api();
    List<Op> all = new ArrayList<>();
    api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
        all.add(op(method.name(), path, operation))));
    return List.copyOf(all);
  }

  private static Op op(String method, String path, Operation operation) {
    List<Param> params = new ArrayList<>();
    for (Parameter parameter : operation.getParameters() == null ? List.<Parameter>of() : operation.getParameters()) {
      params.add(new Param(parameter.getName(), parameter.getIn(), parameter.getSchema()));
    }
    List<String> bodyTypes = new ArrayList<>();
    Map<String, Schema> fields = Map.of();
    if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
      bodyTypes.addAll(operation.getRequestBody().getContent().keySet());
      fields = bodyFields(operation);
    }
    return new Op(method, path, operation.getOperationId(), List.copyOf(params), List.copyOf(bodyTypes), fields,
        access(operation));
  }

  /** The properties of the JSON body, or else of the multipart body: the fields a submission may carry. */
  @SuppressWarnings("rawtypes")
  private static Map<String, Schema> bodyFields(Operation operation) {
    for (String type : List.of("application/json", "multipart/form-data")) {
      var media = operation.getRequestBody().getContent().get(type);
      if (media != null && media.getSchema() != null && media.getSchema().getProperties() != null) {
        return Map.copyOf(media.getSchema().getProperties());
      }
    }
    return Map.of();
  }

  private static Access access(Operation operation) {
    if (operation.getSecurity() != null && operation.getSecurity().isEmpty()) {
      return Access.OPEN;
    }
    Object kind = operation.getExtensions() == null ? null : operation.getExtensions().get("x-docparser-key");
    if (kind == null) {
      return Access.TENANT;
    }
    return switch (kind.toString().toLowerCase(Locale.ROOT)) {
      case "operator" -> Access.OPERATOR;
      case "any" -> Access.ANY;
      default -> throw new IllegalStateException("unknown x-docparser-key '" + kind + "' on "
          + operation.getOperationId());
    };
  }
}
