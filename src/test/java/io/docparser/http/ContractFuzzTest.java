package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.config.ServiceConfig;
import io.docparser.support.ApiClient;
import io.docparser.support.TestNode;
import io.docparser.support.fuzz.FuzzRequest;
import io.docparser.support.fuzz.FuzzRun;
import io.docparser.support.fuzz.FuzzRun.Planned;
import io.docparser.support.fuzz.Mutations;
import io.docparser.support.fuzz.NastyReplay;
import io.docparser.support.fuzz.Operations;
import io.docparser.support.fuzz.Operations.Op;
import io.docparser.support.fuzz.RequestFactory;
import io.docparser.support.fuzz.RequestFactory.Keys;
import io.docparser.support.fuzz.RequestFactory.Target;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests generated from openapi.yaml, then mutated, sent over real sockets to a real node without keys and to one
 * with tenant and operator keys; then a fixed list of nasty inputs replayed on every operation and parameter. Every
 * answer must be a 2xx that conforms to the contract or a 4xx with the JSON error body and one of the contract's
 * codes: no 5xx, no silence, and the node is still ready afterwards.
 *
 * <p>The seed is printed; {@code -Dfuzz.seed=N} replays a run, {@code -Dfuzz.requests=N} sets how many random requests
 * each node gets. Every finding is written to {@code target/contract-fuzz/}.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Fuzzing from the contract")
class ContractFuzzTest {

  private static final long SEED = Long.getLong("fuzz.seed", new SecureRandom().nextLong());
  private static final int RANDOM_REQUESTS = Integer.getInteger("fuzz.requests", 1500);
  /** Requests in flight at once: the answers wait on the job store more than on the two cores. */
  private static final int SENDERS = 4;
  private static final Keys KEYS = new Keys("fuzz-tenant-" + UUID.randomUUID(), "fuzz-other-" + UUID.randomUUID(),
      "fuzz-operator-" + UUID.randomUUID());
  /** Small, so that the bodies of the fixed list pass it, and short timeouts, so that nothing waits for long. */
  private static final Map<String, String> SETTINGS = Map.of("DOCPARSER_ISOLATION", "none",
      "DOCPARSER_WORKERS", "1", "DOCPARSER_MAX_UPLOAD_BYTES", "65536", "DOCPARSER_RATE_LIMIT_PER_S", "0",
      "DOCPARSER_REQUEST_BODY_TIMEOUT_MS", "3000", "DOCPARSER_REQUEST_HEADER_TIMEOUT_MS", "3000");

  @Test
  @DisplayName("a node without keys answers every fuzzed and nasty request within the contract, and stays ready")
  void nodeWithoutKeys(Vertx vertx) throws Exception {
    fuzz(vertx, "without-keys", Map.of(), null);
  }

  @Test
  @DisplayName("a node with tenant and operator keys answers every fuzzed and nasty request within the contract")
  void nodeWithKeys(Vertx vertx) throws Exception {
    fuzz(vertx, "with-keys", Map.of("DOCPARSER_API_KEYS", KEYS.tenant() + "," + KEYS.otherTenant(),
        "DOCPARSER_OPERATOR_KEYS", KEYS.operator()), KEYS);
  }

  private static void fuzz(Vertx vertx, String name, Map<String, String> keySettings, Keys keys) throws Exception {
    Map<String, String> settings = new HashMap<>(SETTINGS);
    settings.putAll(keySettings);
    ServiceConfig config = TestNode.deploy(vertx, settings).toCompletionStage().toCompletableFuture()
        .get(120, TimeUnit.SECONDS);
    ApiClient api = keys == null ? new ApiClient(config.httpPort())
        : new ApiClient(config.httpPort()).withHeader("X-API-Key", keys.tenant());
    String ownJob = api.submitTextForId("a job the fuzzed requests may read");
    api.awaitTerminal(ownJob);
    RequestFactory factory = new RequestFactory(new Target("127.0.0.1:" + config.httpPort(), keys, ownJob));
    FuzzRun run = new FuzzRun(name, config.httpPort());

    long started = System.nanoTime();
    sendRandom(run, factory, new Random(SEED));
    sendNastyList(run, factory);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    String summary = run.summary(Path.of("target", "contract-fuzz", name + ".txt"));
    System.out.println("ContractFuzzTest " + name + ": seed " + SEED + " (replay with -Dfuzz.seed=" + SEED + "), "
        + run.sent() + " requests sent in " + millis + " ms");
    System.out.println(summary);
    assertEquals(200, new ApiClient(config.httpPort()).get("/health/ready").statusCode(), "not ready after the run");
    assertTrue(run.clean(), "seed " + SEED + ": " + summary);
  }

  /**
   * Requests built from the contract's operations, six in seven of them mutated; all made from the seed before any is
   * sent, so that a seed replays the same requests whatever order the answers come in.
   */
  private static void sendRandom(FuzzRun run, RequestFactory factory, Random random) throws InterruptedException {
    List<Op> ops = Operations.all();
    List<Planned> planned = new ArrayList<>();
    for (int i = 0; i < RANDOM_REQUESTS; i++) {
      Op op = ops.get(random.nextInt(ops.size()));
      FuzzRequest request = factory.valid(op, random);
      if (random.nextInt(7) != 0) {
        Mutations.mutate(request, op, factory, random);
      }
      planned.add(new Planned(request, op.toString()));
    }
    run.sendAll(planned, SENDERS);
  }

  private static void sendNastyList(FuzzRun run, RequestFactory factory) throws InterruptedException {
    NastyReplay replay = new NastyReplay(factory);
    List<Planned> planned = new ArrayList<>();
    for (Op op : Operations.all()) {
      replay.requests(List.of(op)).forEach(request -> planned.add(new Planned(request, op.toString())));
    }
    run.sendAll(planned, SENDERS);
  }
}
