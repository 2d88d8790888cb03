package io.docparser.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.hazelcast.config.Config;
import com.hazelcast.config.ServerSocketEndpointConfig;
import com.hazelcast.instance.EndpointQualifier;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.query.Predicates;
import io.docparser.api.OwnerIds;
import io.docparser.config.ConfigLoader;
import io.docparser.config.DatabaseSettings;
import io.docparser.config.DatabaseSettings.JdbcTarget;
import io.docparser.config.OwnerSecret;
import io.docparser.config.ServiceConfig;
import io.docparser.persistence.StoreMaps;
import io.docparser.support.LegacyDatabase;
import io.docparser.support.Ports;
import io.docparser.support.TestDatabases;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The owner secret a node resolves at start-up")
class OwnerSecretsTest {

  private static final String KEY = "an-api-key-0123456789";
  private static final String SECRET = "a configured owner secret, 32 characters or more";

  private final List<HazelcastInstance> members = new ArrayList<>();

  @AfterEach
  void stopMembers() {
    members.forEach(HazelcastInstance::shutdown);
  }

  @Test
  @DisplayName("a configured secret wins over the one kept in the store")
  void configuredSecretWins(Vertx vertx) throws Exception {
    HazelcastInstance member = start(HazelcastConfigs.standalone(TestDatabases.embedded(), OwnerSecret.NONE));

    OwnerIds configured = await(OwnerSecrets.resolve(vertx, member, new OwnerSecret(Optional.of(SECRET))));
    OwnerIds stored = await(OwnerSecrets.resolve(vertx, member, OwnerSecret.NONE));

    assertEquals(new OwnerIds(SECRET.getBytes(StandardCharsets.UTF_8)).of(KEY), configured.of(KEY));
    assertNotEquals(stored.of(KEY), configured.of(KEY));
  }

  @Test
  @DisplayName("without one configured, the secret is made once, kept in the database, and the same after a restart")
  void generatedSecretOutlivesARestart(Vertx vertx) throws Exception {
    DatabaseSettings database = TestDatabases.embedded();
    HazelcastInstance first = start(HazelcastConfigs.standalone(database, OwnerSecret.NONE));
    String before = await(OwnerSecrets.resolve(vertx, first, OwnerSecret.NONE)).of(KEY);
    first.shutdown();

    HazelcastInstance second = start(HazelcastConfigs.standalone(database, OwnerSecret.NONE));
    String after = await(OwnerSecrets.resolve(vertx, second, OwnerSecret.NONE)).of(KEY);
    second.shutdown();

    assertEquals(before, after);
    assertEquals(new OwnerIds(storedSecret(database.standaloneTarget())).of(KEY), after);
  }

  @Test
  @DisplayName("a node started on a database that older nodes wrote finds their keys' jobs under the keys' new ids")
  void migratedJobsKeepTheirCallers(Vertx vertx) throws Exception {
    DatabaseSettings database = TestDatabases.embedded();
    String jobId;
    try (LegacyDatabase legacy = LegacyDatabase.at(database.standaloneTarget())) {
      jobId = legacy.job(KEY);
      legacy.job(null);
    }
    HazelcastInstance member = start(HazelcastConfigs.standalone(database, OwnerSecret.NONE));

    OwnerIds ids = await(OwnerSecrets.resolve(vertx, member, OwnerSecret.NONE));

    assertEquals(Set.of(jobId), member.getMap(StoreMaps.JOBS)
        .keySet(Predicates.equal(StoreMaps.OWNER_ATTRIBUTE, ids.of(KEY))));
  }

  @Test
  @DisplayName("two members of one cluster that start without a secret agree on one")
  void membersAgree(Vertx vertx) throws Exception {
    int firstPort = Ports.free();
    int secondPort = Ports.free();
    ServiceConfig config = new ConfigLoader(Map.of(
        "DOCPARSER_CLUSTER_NAME", "owner-secrets-" + UUID.randomUUID(),
        "DOCPARSER_CLUSTER_MEMBERS", "127.0.0.1:" + firstPort + ",127.0.0.1:" + secondPort), Map.of()).load(null);
    CompletableFuture<HazelcastInstance> first = CompletableFuture.supplyAsync(() -> start(member(config, firstPort)));
    HazelcastInstance second = start(member(config, secondPort));
    first.get(60, TimeUnit.SECONDS);
    assertEquals(2, second.getCluster().getMembers().size());

    List<OwnerIds> resolved = await(Future.all(
        OwnerSecrets.resolve(vertx, first.get(), OwnerSecret.NONE),
        OwnerSecrets.resolve(vertx, second, OwnerSecret.NONE))).list();

    assertEquals(resolved.get(0).of(KEY), resolved.get(1).of(KEY));
  }

  private static Config member(ServiceConfig config, int port) {
    Config member = HazelcastConfigs.clustered(config);
    ((ServerSocketEndpointConfig) member.getAdvancedNetworkConfig().getEndpointConfigs().get(EndpointQualifier.MEMBER))
        .setPort(port).setPortAutoIncrement(false);
    return member;
  }

  private HazelcastInstance start(Config config) {
    HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
    synchronized (members) {
      members.add(member);
    }
    return member;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static byte[] storedSecret(JdbcTarget target) throws Exception {
    try (Connection connection = DriverManager.getConnection(target.url(), target.user(), target.password());
        PreparedStatement select = connection.prepareStatement("SELECT body FROM docparser_settings WHERE id = ?")) {
      select.setString(1, StoreMaps.OWNER_SECRET_SETTING);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return HexFormat.of().parseHex(row.getString(1));
      }
    }
  }
}
