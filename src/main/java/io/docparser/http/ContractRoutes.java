package io.docparser.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.openapi.contract.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The contract, read once from the copy bundled in the jar: the router is built from it, {@code /openapi.yaml}
 * serves its bytes unchanged, and {@code /docs} shows it in Swagger UI (from the swagger-ui webjar).
 */
public final class ContractRoutes {

  static final String CONTRACT_RESOURCE = "openapi.yaml";
  private static final String DOCS_PAGE_RESOURCE = "docs/index.html";
  private static final String DOCS_SCRIPT_RESOURCE = "docs/swagger-init.js";
  private static final String DOCS_SCRIPT_PATH = "/docs/swagger-init.js";

  private final Buffer contract;
  private final Buffer docsPage;
  private final Buffer docsScript;
  private final String swaggerRoot;

  private ContractRoutes(Buffer contract, Buffer docsPage, Buffer docsScript, String swaggerRoot) {
    this.contract = contract;
    this.docsPage = docsPage;
    this.docsScript = docsScript;
    this.swaggerRoot = swaggerRoot;
  }

  /** Reads the bundled contract, docs page and script; blocking, so call it off the event loop. */
  public static ContractRoutes load() {
    return new ContractRoutes(Buffer.buffer(BundledFiles.read(CONTRACT_RESOURCE)),
        Buffer.buffer(BundledFiles.read(DOCS_PAGE_RESOURCE)), Buffer.buffer(BundledFiles.read(DOCS_SCRIPT_RESOURCE)),
        BundledFiles.webjarRoot("org.webjars", "swagger-ui"));
  }

  /** The contract as JSON, as it is written. */
  JsonObject contractJson() {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    Map<String, Object> tree = yaml.load(contract.toString(StandardCharsets.UTF_8));
    return new JsonObject(tree);
  }

  /**
   * The contract as vertx-openapi 5.0.7 can load it: without the response media types it cannot load (text/html,
   * text/markdown, application/yaml: it refuses the whole contract over one of them), which it would only use to
   * validate responses, which it does not do here. The published contract declares them.
   */
  JsonObject loadableContractJson() {
    JsonObject loadable = contractJson();
    loadable.getJsonObject("paths").forEach(path -> ((JsonObject) path.getValue()).forEach(operation -> {
      if (operation.getValue() instanceof JsonObject described) {
        withLoadableContent(described.getJsonObject("responses"));
      }
    }));
    withLoadableContent(loadable.getJsonObject("components").getJsonObject("responses"));
    return loadable;
  }

  /**
   * The loadable contract without its security requirements, for the router builder: {@link ApiKeyAuth} enforces
   * them from the loadable contract. Given two alternative requirements, vertx-openapi 5.0.7 mounts an empty "any of"
   * authentication chain on every route, even with security turned off for the route, and that chain fails every
   * request.
   */
  JsonObject routingContractJson() {
    JsonObject routing = loadableContractJson();
    routing.remove("security");
    routing.getJsonObject("paths").forEach(path -> ((JsonObject) path.getValue()).forEach(operation -> {
      if (operation.getValue() instanceof JsonObject described) {
        described.remove("security");
      }
    }));
    return routing;
  }

  private static void withLoadableContent(JsonObject responses) {
    if (responses == null) {
      return;
    }
    responses.forEach(response -> {
      JsonObject content = ((JsonObject) response.getValue()).getJsonObject("content");
      if (content != null) {
        content.fieldNames().removeIf(mediaType -> !MediaType.isMediaTypeSupported(mediaType));
      }
    });
  }

  void serveContract(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(contract);
  }

  void serveDocs(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(docsPage);
  }

  /** The page's own script, then Swagger UI's scripts and styles, under {@code /docs/}. */
  void mountDocsAssets(Router router) {
    router.get(DOCS_SCRIPT_PATH).handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/javascript; charset=utf-8").end(docsScript));
    router.get("/docs/*").handler(StaticHandler.create(FileSystemAccess.RELATIVE, swaggerRoot));
  }
}
