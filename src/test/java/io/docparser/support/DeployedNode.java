package io.docparser.support;

import io.docparser.config.ServiceConfig;
import io.docparser.jobs.Draining;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A whole standalone node ({@link TestNode}) deployed once for a test class, in a Vert.x instance of its own that
 * the suite watches as closely as every other ({@link TestVertxOptions}), and closed after the class:
 * <pre>{@code @RegisterExtension static final DeployedNode node = DeployedNode.with(Map.of("DOCPARSER_WORKERS", "2"));}</pre>
 * Several fields give several nodes, each in a Vert.x instance of its own. JUnit deploys them in the order of their
 * {@code @Order}, and without one in an order of its own (by the hash of the field's name), not the order in which
 * they are declared.
 */
public final class DeployedNode implements BeforeAllCallback, AfterAllCallback {

  private static final long DEPLOY_TIMEOUT_S = 120;

  private final Map<String, String> settings;
  private final Draining draining;
  private Vertx vertx;
  private ServiceConfig config;
  private ApiClient api;

  private DeployedNode(Map<String, String> settings, Draining draining) {
    this.settings = Map.copyOf(settings);
    this.draining = draining;
  }

  /** A node with these settings (DOCPARSER_... as environment variables) on top of the test defaults. */
  public static DeployedNode with(Map<String, String> settings) {
    return new DeployedNode(settings, new Draining());
  }

  /** A node whose draining the test controls. */
  public static DeployedNode draining(Map<String, String> settings, Draining draining) {
    return new DeployedNode(settings, draining);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    vertx = Vertx.vertx(TestVertxOptions.load());
    config = await(TestNode.deploy(vertx, settings, draining));
    api = new ApiClient(config.httpPort());
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (vertx != null) {
      await(vertx.close());
    }
  }

  public ApiClient api() {
    return api;
  }

  public ServiceConfig config() {
    return config;
  }

  public int httpPort() {
    return config.httpPort();
  }

  public Vertx vertx() {
    return vertx;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(DEPLOY_TIMEOUT_S, TimeUnit.SECONDS);
  }
}
