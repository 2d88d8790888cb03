package io.docparser.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Configuration loading and validation")
class ConfigLoaderTest {

  @TempDir
  Path dir;

  private static ServiceConfig load(Map<String, String> env, Map<String, String> props, String conf) {
    return new ConfigLoader(env, props).load(conf);
  }

  @Test
  @DisplayName("without any setting, the documented defaults apply")
  void defaults() {
    ServiceConfig config = load(Map.of(), Map.of(), null);

    assertEquals("127.0.0.1", config.httpHost());
    assertEquals(8000, config.httpPort());
    assertEquals(EnumSet.of(Role.API, Role.WORKER), config.roles());
    assertEquals(Runtime.getRuntime().availableProcessors(), config.workers());
    assertEquals(Isolation.PROCESS, config.isolation());
    assertEquals(new ChildJvmSettings(512, 10_000, ""), config.childJvms());
    assertEquals(120_000, config.parseTimeoutMs());
    assertEquals(104_857_600, config.maxUploadBytes());
    assertEquals(20_000_000, config.maxTextChars());
    assertEquals(86_400, config.resultTtlSeconds());
    assertEquals(List.of("127.0.0.1"), config.cluster().members());
    assertTrue(config.nodeId().endsWith(":8000"), config.nodeId());
  }

  @Test
  @DisplayName("without upload.dir, each start gets an upload dir of its own, under a name nobody can guess")
  void defaultUploadDirIsPerStart() {
    UploadDirectory first = load(Map.of(), Map.of(), null).uploads();
    UploadDirectory second = load(Map.of(), Map.of(), null).uploads();

    assertTrue(first.perStart());
    assertEquals(Path.of(System.getProperty("java.io.tmpdir")), first.path().getParent());
    assertTrue(first.path().getFileName().toString().matches("docparser-uploads-[0-9a-f-]{36}"), first.toString());
    assertNotEquals(first.path(), second.path());
    assertEquals(new UploadDirectory(Path.of("/srv/uploads"), false),
        load(Map.of("DOCPARSER_UPLOAD_DIR", "/srv/uploads"), Map.of(), null).uploads());
  }

  @Test
  @DisplayName("-conf overrides conf/config.json, the environment overrides -conf, system properties override all")
  void precedence() throws Exception {
    Path conf = Files.writeString(dir.resolve("node.json"), "{\"http.port\": 9001, \"workers\": 3, \"node.id\": \"from-file\"}");

    ServiceConfig fileOnly = load(Map.of(), Map.of(), conf.toString());
    assertEquals(9001, fileOnly.httpPort());
    assertEquals(3, fileOnly.workers());

    ServiceConfig withEnv = load(Map.of("DOCPARSER_HTTP_PORT", "9002", "DOCPARSER_WORKERS", "5"), Map.of(),
        conf.toString());
    assertEquals(9002, withEnv.httpPort());
    assertEquals(5, withEnv.workers());
    assertEquals("from-file", withEnv.nodeId());

    ServiceConfig withProperty = load(Map.of("DOCPARSER_HTTP_PORT", "9002"), Map.of("docparser.http.port", "9003"),
        conf.toString());
    assertEquals(9003, withProperty.httpPort());
  }

  @Test
  @DisplayName("-conf also takes inline JSON, and lists may be JSON arrays or comma-separated")
  void inlineConfAndLists() {
    ServiceConfig config = load(Map.of(), Map.of(), "{\"roles\": [\"worker\"], \"cluster.members\": \"10.0.0.1, 10.0.0.2:5702\"}");

    assertEquals(EnumSet.of(Role.WORKER), config.roles());
    assertEquals(List.of("10.0.0.1", "10.0.0.2:5702"), config.cluster().members());
  }

  @Test
  @DisplayName("a bad value stops start-up with a message naming the key, the value and where it was set")
  void badValueIsNamed() {
    ConfigException error = assertThrows(ConfigException.class,
        () -> load(Map.of("DOCPARSER_HTTP_PORT", "eighty"), Map.of(), null));

    assertTrue(error.getMessage().contains("DOCPARSER_HTTP_PORT (http.port)"), error.getMessage());
    assertTrue(error.getMessage().contains("'eighty'"), error.getMessage());
    assertTrue(error.getMessage().contains("environment"), error.getMessage());
  }

  @Test
  @DisplayName("out-of-range numbers, unknown roles and non-booleans are refused")
  void invalidValuesAreRefused() {
    assertEquals(Isolation.NONE, load(Map.of("DOCPARSER_ISOLATION", "none"), Map.of(), null).isolation());
    assertThrows(ConfigException.class, () -> load(Map.of("DOCPARSER_HTTP_PORT", "70000"), Map.of(), null));
    assertThrows(ConfigException.class, () -> load(Map.of("DOCPARSER_WORKERS", "0"), Map.of(), null));
    assertThrows(ConfigException.class, () -> load(Map.of("DOCPARSER_ROLES", "api,parser"), Map.of(), null));
    assertThrows(ConfigException.class, () -> load(Map.of("DOCPARSER_ROLES", " , "), Map.of(), null));
    assertThrows(ConfigException.class, () -> load(Map.of("DOCPARSER_ALLOW_OPEN_ACCESS", "yes"), Map.of(), null));
    assertThrows(ConfigException.class, () -> load(Map.of("DOCPARSER_ISOLATION", "fork"), Map.of(), null));
    assertThrows(ConfigException.class, () -> load(Map.of("DOCPARSER_PARSER_HEAP_MB", "16"), Map.of(), null));
    assertThrows(ConfigException.class, () -> load(Map.of("DOCPARSER_PARSER_MAX_DOCS", "0"), Map.of(), null));
    assertThrows(ConfigException.class, () -> load(Map.of("DOCPARSER_PARSE_TIMEOUT_MS", "5"), Map.of(), null));
  }

  @Test
  @DisplayName("the drain bound and the job lease default to 30 s each, and values outside their bounds are refused,"
      + " naming the key")
  void drainAndLeaseAreBounded() {
    ServiceConfig defaults = load(Map.of(), Map.of(), null);
    assertEquals(Duration.ofSeconds(30), defaults.drain());
    assertEquals(Duration.ofSeconds(30), defaults.lease());
    ServiceConfig shortOnes = load(Map.of("DOCPARSER_DRAIN_MS", "500", "DOCPARSER_LEASE_MS", "3000"), Map.of(), null);
    assertEquals(Duration.ofMillis(500), shortOnes.drain());
    assertEquals(Duration.ofMillis(3000), shortOnes.lease());

    for (String drain : List.of("0", "-1", "90001", "soon")) {
      ConfigException error = assertThrows(ConfigException.class,
          () -> load(Map.of("DOCPARSER_DRAIN_MS", drain), Map.of(), null));
      assertTrue(error.getMessage().contains("DOCPARSER_DRAIN_MS (drain.ms) = '" + drain + "'"), error.getMessage());
    }
    for (String lease : List.of("2999", "3600001")) {
      ConfigException error = assertThrows(ConfigException.class,
          () -> load(Map.of("DOCPARSER_LEASE_MS", lease), Map.of(), null));
      assertTrue(error.getMessage().contains("DOCPARSER_LEASE_MS (lease.ms) = '" + lease + "'"), error.getMessage());
    }
  }

  @Test
  @DisplayName("a parser class path entry that does not exist is refused, naming the entry")
  void missingParserClassPathEntryIsNamed() throws Exception {
    Path jar = Files.createFile(dir.resolve("parsers.jar"));
    String missing = dir.resolve("no-such.jar").toString();

    assertEquals(jar.toString(),
        load(Map.of("DOCPARSER_PARSER_CLASSPATH", jar.toString()), Map.of(), null).childJvms().extraClassPath());
    ConfigException error = assertThrows(ConfigException.class,
        () -> load(Map.of("DOCPARSER_PARSER_CLASSPATH", jar + ":" + missing), Map.of(), null));
    assertTrue(error.getMessage().contains("DOCPARSER_PARSER_CLASSPATH") && error.getMessage().contains(missing),
        error.getMessage());
  }

  @Test
  @DisplayName("a queue bound in bytes smaller than the largest document is refused")
  void queueMustHoldTheLargestDocument() {
    ConfigException error = assertThrows(ConfigException.class, () -> load(
        Map.of("DOCPARSER_QUEUE_MAX_BYTES", "1000", "DOCPARSER_MAX_UPLOAD_BYTES", "2000"), Map.of(), null));

    assertTrue(error.getMessage().contains("DOCPARSER_QUEUE_MAX_BYTES"), error.getMessage());
    assertEquals(new QueueLimit(10_000, 2_147_483_648L), load(Map.of(), Map.of(), null).queueLimit());
  }

  @Test
  @DisplayName("a -conf file that does not exist is named in the error")
  void missingConfFileIsNamed() {
    String missing = dir.resolve("nowhere.json").toString();

    ConfigException error = assertThrows(ConfigException.class, () -> load(Map.of(), Map.of(), missing));

    assertTrue(error.getMessage().contains(missing), error.getMessage());
  }

  @Test
  @DisplayName("a -conf file that is not JSON is named in the error")
  void brokenConfFileIsNamed() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"http.port\": ");

    ConfigException error = assertThrows(ConfigException.class, () -> load(Map.of(), Map.of(), broken.toString()));

    assertTrue(error.getMessage().contains(broken.toString()), error.getMessage());
    assertTrue(error.getMessage().contains("not a valid JSON object"), error.getMessage());
  }

  @Test
  @DisplayName("an unknown key in a config file is refused, so a misspelling is not silently ignored")
  void unknownKeyIsRefused() {
    ConfigException error = assertThrows(ConfigException.class,
        () -> load(Map.of(), Map.of(), "{\"http.prot\": 8080}"));

    assertTrue(error.getMessage().contains("http.prot"), error.getMessage());
  }

  @Test
  @DisplayName("binding beyond loopback without API keys needs DOCPARSER_ALLOW_OPEN_ACCESS=true")
  void openBindNeedsExplicitConsent() {
    ConfigException error = assertThrows(ConfigException.class,
        () -> load(Map.of("DOCPARSER_HTTP_HOST", "0.0.0.0"), Map.of(), null));
    assertTrue(error.getMessage().contains("DOCPARSER_ALLOW_OPEN_ACCESS"), error.getMessage());

    ServiceConfig open = load(Map.of("DOCPARSER_HTTP_HOST", "0.0.0.0", "DOCPARSER_ALLOW_OPEN_ACCESS", "true"),
        Map.of(), null);
    assertEquals("0.0.0.0", open.httpHost());
  }

  @Test
  @DisplayName("with API keys a node may bind beyond loopback, and a key is accepted in clear or as its hash")
  void apiKeysAllowAnOpenBind() throws Exception {
    String clear = "first-key-0123456789abcdef";
    String hashed = "second-key-0123456789abcdef";
    ServiceConfig config = load(Map.of("DOCPARSER_HTTP_HOST", "0.0.0.0", "DOCPARSER_API_KEYS", clear,
        "DOCPARSER_API_KEY_HASHES", hashEntry(hashed)), Map.of(), null);

    ApiKeys keys = config.access().apiKeys();
    assertEquals(2, keys.count());
    assertTrue(keys.accepts(clear));
    assertTrue(keys.accepts(hashed));
    assertFalse(keys.accepts("third-key-0123456789abcdef"));
  }

  @Test
  @DisplayName("a key is accepted whichever form it was configured in, and operator keys apart from tenant keys")
  void keysAreAcceptedInEitherFormAndKindsStayApart() throws Exception {
    String key = "shared-key-0123456789abcdef";
    String operator = "operator-key-0123456789abcdef";
    ServiceConfig inClear = load(Map.of("DOCPARSER_API_KEYS", key, "DOCPARSER_OPERATOR_KEYS", operator), Map.of(),
        null);
    ServiceConfig asHash = load(Map.of("DOCPARSER_API_KEY_HASHES", hashEntry(key),
        "DOCPARSER_OPERATOR_KEY_HASHES", hashEntry(operator)), Map.of(), null);

    for (ServiceConfig config : List.of(inClear, asHash)) {
      assertTrue(config.access().apiKeys().accepts(key));
      assertFalse(config.access().apiKeys().accepts(operator));
      assertTrue(config.access().operatorKeys().accepts(operator));
      assertFalse(config.access().operatorKeys().accepts(key));
    }
  }

  @Test
  @DisplayName("a short key stops start-up, and the message never shows it")
  void shortKeyIsRefusedWithoutBeingShown() {
    ConfigException error = assertThrows(ConfigException.class,
        () -> load(Map.of("DOCPARSER_API_KEYS", "good-key-0123456789abcdef,secret"), Map.of(), null));

    assertTrue(error.getMessage().contains("DOCPARSER_API_KEYS"), error.getMessage());
    assertFalse(error.getMessage().contains("secret"), error.getMessage());
    assertFalse(error.getMessage().contains("good-key"), error.getMessage());
  }

  @Test
  @DisplayName("a malformed key hash stops start-up")
  void malformedHashIsRefused() {
    ConfigException error = assertThrows(ConfigException.class,
        () -> load(Map.of("DOCPARSER_API_KEY_HASHES", "sha256:abc:def"), Map.of(), null));

    assertTrue(error.getMessage().contains("DOCPARSER_API_KEY_HASHES"), error.getMessage());
  }

  @Test
  @DisplayName("hash-api-key prints the stored form of the key it reads, and refuses a weak one")
  void hashCommandPrintsAnEntry() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    assertEquals(0, HashApiKey.run(new BufferedReader(new StringReader("command-key-0123456789\n")),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
    String entry = out.toString(StandardCharsets.UTF_8).strip();
    assertTrue(entry.matches("sha256:[0-9a-f]{32}:[0-9a-f]{64}"), entry);
    assertTrue(load(Map.of("DOCPARSER_API_KEY_HASHES", entry), Map.of(), null).access().apiKeys()
        .accepts("command-key-0123456789"));

    assertNotEquals(0, HashApiKey.run(new BufferedReader(new StringReader("tiny\n")),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
    assertFalse(err.toString(StandardCharsets.UTF_8).contains("tiny"));
  }

  @Test
  @DisplayName("the per-key limits have generous defaults and take 0 for none")
  void perKeyLimits() {
    Access defaults = load(Map.of(), Map.of(), null).access();
    assertEquals(100, defaults.requestsPerSecond());
    assertEquals(1000, defaults.maxActiveJobs());
    assertEquals(100_000, defaults.maxJobs());
    assertEquals(10L * 1024 * 1024 * 1024, defaults.maxStoredBytes());

    Access none = load(Map.of("DOCPARSER_RATE_LIMIT_PER_S", "0", "DOCPARSER_MAX_ACTIVE_JOBS_PER_KEY", "0",
        "DOCPARSER_KEY_MAX_JOBS", "0", "DOCPARSER_KEY_MAX_STORED_BYTES", "0"), Map.of(), null).access();
    assertEquals(0, none.requestsPerSecond());
    assertEquals(0, none.maxActiveJobs());
    assertEquals(0, none.maxJobs());
    assertEquals(0, none.maxStoredBytes());
  }

  @Test
  @DisplayName("a per-key quota that is negative, not a whole number, or smaller than the largest document is refused")
  void perKeyQuotasAreValidated() {
    for (Map<String, String> bad : List.of(Map.of("DOCPARSER_KEY_MAX_JOBS", "-1"),
        Map.of("DOCPARSER_KEY_MAX_JOBS", "ten"), Map.of("DOCPARSER_KEY_MAX_STORED_BYTES", "1.5"),
        Map.of("DOCPARSER_KEY_MAX_STORED_BYTES", "1000", "DOCPARSER_MAX_UPLOAD_BYTES", "2000"))) {
      ConfigException error = assertThrows(ConfigException.class, () -> load(bad, Map.of(), null));
      String named = bad.keySet().stream().filter(key -> key.startsWith("DOCPARSER_KEY_")).findFirst().orElseThrow();
      assertTrue(error.getMessage().contains(named), error.getMessage());
    }
    assertEquals(2000, load(Map.of("DOCPARSER_KEY_MAX_STORED_BYTES", "2000", "DOCPARSER_MAX_UPLOAD_BYTES", "2000"),
        Map.of(), null).access().maxStoredBytes());
  }

  private static String hashEntry(String key) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    HashApiKey.run(new BufferedReader(new StringReader(key)), new PrintStream(out, true, StandardCharsets.UTF_8),
        System.err);
    return out.toString(StandardCharsets.UTF_8).strip();
  }

  @Test
  @DisplayName("cluster traffic binds to loopback when every member is local, to DOCPARSER_CLUSTER_HOST when set,"
      + " and to no one address otherwise")
  void clusterBindAddress() {
    assertEquals(Optional.of("127.0.0.1"), load(Map.of(), Map.of(), null).cluster().bindAddress());
    assertEquals(Optional.of("10.0.0.5"), load(Map.of("DOCPARSER_CLUSTER_MEMBERS", "10.0.0.5,10.0.0.6",
        "DOCPARSER_CLUSTER_HOST", "10.0.0.5"), Map.of(), null).cluster().bindAddress());
    assertEquals(Optional.empty(), load(Map.of("DOCPARSER_CLUSTER_MEMBERS", "10.0.0.5,10.0.0.6"), Map.of(), null)
        .cluster().bindAddress());
  }

  @Test
  @DisplayName("a cluster name or host that Hazelcast cannot use stops start-up, naming the key")
  void badClusterSettingsAreNamed() {
    ConfigException name = assertThrows(ConfigException.class,
        () -> load(Map.of("DOCPARSER_CLUSTER_NAME", "two words"), Map.of(), null));
    assertTrue(name.getMessage().contains("DOCPARSER_CLUSTER_NAME"), name.getMessage());

    ConfigException host = assertThrows(ConfigException.class,
        () -> load(Map.of("DOCPARSER_CLUSTER_HOST", "300.1.2.3"), Map.of(), null));
    assertTrue(host.getMessage().contains("DOCPARSER_CLUSTER_HOST"), host.getMessage());
    assertEquals("production-eu", load(Map.of("DOCPARSER_CLUSTER_NAME", "production-eu"), Map.of(), null)
        .cluster().name());
  }

  @Test
  @DisplayName("every key has three names derived from one another")
  void keyNames() {
    assertEquals("max.upload.bytes", ConfigKey.MAX_UPLOAD_BYTES.jsonKey());
    assertEquals("DOCPARSER_MAX_UPLOAD_BYTES", ConfigKey.MAX_UPLOAD_BYTES.envName());
    assertEquals("docparser.max.upload.bytes", ConfigKey.MAX_UPLOAD_BYTES.propertyName());
  }

  @Test
  @DisplayName("the request body cap leaves room for base64 and the JSON around it")
  void requestBodyCap() {
    ServiceConfig config = load(Map.of("DOCPARSER_MAX_UPLOAD_BYTES", "3000"), Map.of(), null);

    assertEquals(4000 + 4 + 64 * 1024, config.maxRequestBodyBytes());
  }
}
