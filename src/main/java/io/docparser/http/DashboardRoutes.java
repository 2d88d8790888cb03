package io.docparser.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The dashboard at {@code /dashboard}: a plain HTML page with one script and one style sheet, and uPlot from its
 * webjar for the charts, all served by this node, so that there is nothing to build and nothing loaded from another
 * origin. Like /docs, the page and its files are open; the data it shows comes from the JSON endpoints, which ask
 * for a key.
 */
final class DashboardRoutes {

  /** Everything the page loads sits below this prefix, which {@link ApiKeyAuth} leaves open. */
  static final String ASSETS = "/dashboard/";
  private static final String PAGE_RESOURCE = "dashboard/index.html";
  /** Beside the page's resource, not at its level, so that no path under /dashboard/ serves the page itself. */
  private static final String OWN_FILES = "dashboard/static";

  private final Buffer page;
  private final String uplotFiles;

  private DashboardRoutes(Buffer page, String uplotFiles) {
    this.page = page;
    this.uplotFiles = uplotFiles;
  }

  /** Reads the bundled page; blocking, so call it off the event loop. */
  static DashboardRoutes load() {
    return new DashboardRoutes(Buffer.buffer(BundledFiles.read(PAGE_RESOURCE)),
        BundledFiles.webjarRoot("org.webjars.npm", "uplot") + "/dist");
  }

  void servePage(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .end(page);
  }

  /** The page's script and style under {@code /dashboard/static/}, uPlot's under {@code /dashboard/uplot/}. */
  void mountAssets(Router router) {
    router.get(ASSETS + "static/*").handler(files(OWN_FILES));
    router.get(ASSETS + "uplot/*").handler(files(uplotFiles));
  }

  /** Not cached: the page served after an upgrade must not run the script of the version before. */
  private static StaticHandler files(String root) {
    return StaticHandler.create(FileSystemAccess.RELATIVE, root).setCachingEnabled(false);
  }
}
