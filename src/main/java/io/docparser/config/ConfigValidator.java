package io.docparser.config;

import io.docparser.config.ConfigLoader.Setting;
import java.io.File;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Turns the raw settings into a {@link ServiceConfig}, or fails naming the first bad key, its value and source. */
final class ConfigValidator {

  private static final long MIN_PARSE_TIMEOUT_MS = 100;
  private static final int MAX_WORKERS = 1024;
  /** Below this a child JVM cannot even load Tika's parsers. */
  private static final long MIN_PARSER_HEAP_MB = 64;
  private static final long MAX_PARSER_HEAP_MB = 1024 * 1024;
  private static final int MAX_ATTEMPTS = 100;
  /** A lease is renewed every third of its length; shorter, a busy node's renewal could come too late. */
  private static final long MIN_LEASE_MS = 3_000;
  /** Longer, the jobs of a node that froze would wait more than an hour before another node took them back. */
  private static final long MAX_LEASE_MS = 3_600_000;
  /**
   * The launcher gives Vert.x two minutes to close on SIGTERM, and the drain is only part of the stop: leaving the
   * cluster and closing the store come after it.
   */
  private static final long MAX_DRAIN_MS = 90_000;
  /** Documents are held whole in memory while they are parsed, in byte arrays. */
  private static final long MAX_UPLOAD_BYTES = Integer.MAX_VALUE - 8;
  private static final String DEFAULT_UPLOAD_DIR = "docparser-uploads-";
  private static final long MAX_RATE_LIMIT_PER_S = 1_000_000;
  /** A deadline shorter than this would cut off healthy clients on a slow network. */
  private static final long MIN_REQUEST_TIMEOUT_MS = 1_000;
  private static final List<String> LOG_LEVELS = List.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");
  private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  /** Hazelcast's default cluster name, which any member started with default settings has. */
  private static final String HAZELCAST_DEFAULT_CLUSTER_NAME = "dev";
  private static final String OCTET = "(25[0-5]|2[0-4]\\d|1?\\d?\\d)";
  private static final Pattern IPV4 = Pattern.compile("(" + OCTET + "\\.){3}" + OCTET);

  private final Map<ConfigKey, Setting> settings;

  ConfigValidator(Map<ConfigKey, Setting> settings) {
    this.settings = settings;
  }

  ServiceConfig validate() {
    requireQueueHoldsOneDocument();
    String host = text(ConfigKey.HTTP_HOST);
    int port = (int) number(ConfigKey.HTTP_PORT, 0, 65_535);
    Access access = access();
    requireLoopbackUnlessProtected(host, access);
    return new ServiceConfig(
        host,
        port,
        nodeId(port),
        roles(),
        workers(),
        isolation(),
        number(ConfigKey.PARSE_TIMEOUT_MS, MIN_PARSE_TIMEOUT_MS, Long.MAX_VALUE),
        new ChildJvmSettings((int) number(ConfigKey.PARSER_HEAP_MB, MIN_PARSER_HEAP_MB, MAX_PARSER_HEAP_MB),
            (int) number(ConfigKey.PARSER_MAX_DOCS, 1, Integer.MAX_VALUE), parserClassPath()),
        (int) number(ConfigKey.MAX_ATTEMPTS, 1, MAX_ATTEMPTS),
        Duration.ofMillis(number(ConfigKey.LEASE_MS, MIN_LEASE_MS, MAX_LEASE_MS)),
        Duration.ofMillis(number(ConfigKey.DRAIN_MS, 1, MAX_DRAIN_MS)),
        number(ConfigKey.MAX_UPLOAD_BYTES, 1, MAX_UPLOAD_BYTES),
        (int) number(ConfigKey.MAX_TEXT_CHARS, 1, Integer.MAX_VALUE),
        uploadDir(),
        new QueueLimit(number(ConfigKey.QUEUE_MAX, 1, Long.MAX_VALUE),
            number(ConfigKey.QUEUE_MAX_BYTES, 1, Long.MAX_VALUE)),
        number(ConfigKey.RESULT_TTL_S, 1, Long.MAX_VALUE),
        access,
        logLevel(),
        cluster(),
        connectionLimits(),
        new DatabaseValidator(this::raw, this::invalid, this::invalidSecret).validate(),
        new OwnerSecret(new SecretReader(this::raw, this::invalid, this::invalidSecret)
            .read(ConfigKey.OWNER_SECRET, ConfigKey.OWNER_SECRET_FILE, OwnerSecret.MIN_LENGTH)));
  }

  private String raw(ConfigKey key) {
    Setting setting = settings.get(key);
    return setting == null ? key.defaultValue() : setting.value().trim();
  }

  private ConfigException invalid(ConfigKey key, String requirement) {
    Setting setting = settings.get(key);
    String source = setting == null ? "default" : setting.source();
    return new ConfigException(
        key.describe() + " = '" + raw(key) + "' (from " + source + ") " + requirement);
  }

  /** Like {@link #invalid}, for a setting whose value must never be printed. */
  private ConfigException invalidSecret(ConfigKey key, String requirement) {
    Setting setting = settings.get(key);
    return new ConfigException(key.describe() + " (from " + (setting == null ? "default" : setting.source()) + ") "
        + requirement);
  }

  private String text(ConfigKey key) {
    String value = raw(key);
    if (value.isEmpty()) {
      throw invalid(key, "must not be empty");
    }
    return value;
  }

  private long number(ConfigKey key, long min, long max) {
    try {
      long value = Long.parseLong(raw(key));
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below, with the range
    }
    String range = max == Long.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
    throw invalid(key, "must be a whole number " + range);
  }

  private boolean bool(ConfigKey key) {
    String value = raw(key).toLowerCase(Locale.ROOT);
    if (!value.equals("true") && !value.equals("false")) {
      throw invalid(key, "must be true or false");
    }
    return Boolean.parseBoolean(value);
  }

  private List<String> list(ConfigKey key) {
    List<String> items = Arrays.stream(raw(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    if (items.isEmpty()) {
      throw invalid(key, "must list at least one value (comma-separated)");
    }
    return items;
  }

  private Set<Role> roles() {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String item : list(ConfigKey.ROLES)) {
      try {
        roles.add(Role.valueOf(item.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw invalid(ConfigKey.ROLES, "must be 'api', 'worker' or both (comma-separated)");
      }
    }
    return roles;
  }

  private int workers() {
    if (raw(ConfigKey.WORKERS).isEmpty()) {
      return Runtime.getRuntime().availableProcessors();
    }
    return (int) number(ConfigKey.WORKERS, 1, MAX_WORKERS);
  }

  private Isolation isolation() {
    try {
      return Isolation.valueOf(raw(ConfigKey.ISOLATION).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid(ConfigKey.ISOLATION, "must be 'process' (child JVMs) or 'none' (in this JVM)");
    }
  }

  /** A document the service accepts must fit in an empty queue, or it would be refused with 429 forever. */
  private void requireQueueHoldsOneDocument() {
    long maxUpload = number(ConfigKey.MAX_UPLOAD_BYTES, 1, MAX_UPLOAD_BYTES);
    if (number(ConfigKey.QUEUE_MAX_BYTES, 1, Long.MAX_VALUE) < maxUpload) {
      throw invalid(ConfigKey.QUEUE_MAX_BYTES, "must be at least " + ConfigKey.MAX_UPLOAD_BYTES.envName() + " ("
          + maxUpload + "), or the largest documents could never be queued");
    }
  }

  /**
   * Extra class path entries for the parser children must exist: a misspelt entry would otherwise surface only as
   * every job failing with PARSER_CRASHED.
   */
  private String parserClassPath() {
    String configured = raw(ConfigKey.PARSER_CLASSPATH);
    for (String entry : configured.split(File.pathSeparator)) {
      if (!entry.isBlank() && !Files.exists(Path.of(entry.trim()))) {
        throw invalid(ConfigKey.PARSER_CLASSPATH, "names '" + entry.trim() + "', which does not exist");
      }
    }
    return configured;
  }

  /** Unset, a directory of this start's own, under a name no other user can guess and take first. */
  private UploadDirectory uploadDir() {
    String configured = raw(ConfigKey.UPLOAD_DIR);
    try {
      return configured.isEmpty()
          ? new UploadDirectory(Path.of(System.getProperty("java.io.tmpdir"), DEFAULT_UPLOAD_DIR + UUID.randomUUID()),
              true)
          : new UploadDirectory(Path.of(configured).toAbsolutePath(), false);
    } catch (InvalidPathException e) {
      throw invalid(ConfigKey.UPLOAD_DIR, "is not a usable path: " + e.getMessage());
    }
  }

  private String nodeId(int port) {
    String configured = raw(ConfigKey.NODE_ID);
    if (!configured.isEmpty()) {
      return configured;
    }
    try {
      return InetAddress.getLocalHost().getHostName() + ":" + port;
    } catch (UnknownHostException e) {
      return "localhost:" + port;
    }
  }

  private String logLevel() {
    String level = raw(ConfigKey.LOG_LEVEL).toUpperCase(Locale.ROOT);
    if (!LOG_LEVELS.contains(level)) {
      throw invalid(ConfigKey.LOG_LEVEL, "must be one of " + String.join(", ", LOG_LEVELS));
    }
    return level;
  }

  private ClusterSettings cluster() {
    String name = text(ConfigKey.CLUSTER_NAME);
    if (!CLUSTER_NAME.matcher(name).matches()) {
      throw invalid(ConfigKey.CLUSTER_NAME, "must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
    if (name.equals(HAZELCAST_DEFAULT_CLUSTER_NAME)) {
      throw invalid(ConfigKey.CLUSTER_NAME, "must not be Hazelcast's default name, which any Hazelcast member started"
          + " with default settings has");
    }
    String host = raw(ConfigKey.CLUSTER_HOST);
    if (!host.isEmpty() && !IPV4.matcher(host).matches()) {
      throw invalid(ConfigKey.CLUSTER_HOST, "must be an IPv4 address of this machine, such as 10.0.0.5");
    }
    return new ClusterSettings(name, list(ConfigKey.CLUSTER_MEMBERS), host);
  }

  private Access access() {
    return new Access(keys(ConfigKey.API_KEYS, ConfigKey.API_KEY_HASHES),
        keys(ConfigKey.OPERATOR_KEYS, ConfigKey.OPERATOR_KEY_HASHES), bool(ConfigKey.ALLOW_OPEN_ACCESS),
        (int) number(ConfigKey.RATE_LIMIT_PER_S, 0, MAX_RATE_LIMIT_PER_S),
        number(ConfigKey.MAX_ACTIVE_JOBS_PER_KEY, 0, Long.MAX_VALUE), number(ConfigKey.KEY_MAX_JOBS, 0, Long.MAX_VALUE),
        keyMaxStoredBytes(), (int) number(ConfigKey.KEY_MAX_IN_FLIGHT, 0, Integer.MAX_VALUE),
        (int) number(ConfigKey.KEY_MAX_LONG_POLLS, 0, Integer.MAX_VALUE));
  }

  /** A key's quota must hold the largest document the service accepts, or that document would be refused forever. */
  private long keyMaxStoredBytes() {
    long quota = number(ConfigKey.KEY_MAX_STORED_BYTES, 0, Long.MAX_VALUE);
    long maxUpload = number(ConfigKey.MAX_UPLOAD_BYTES, 1, MAX_UPLOAD_BYTES);
    if (quota != 0 && quota < maxUpload) {
      throw invalid(ConfigKey.KEY_MAX_STORED_BYTES, "must be 0 (no limit) or at least "
          + ConfigKey.MAX_UPLOAD_BYTES.envName() + " (" + maxUpload + "), or the largest documents could never be"
          + " stored");
    }
    return quota;
  }

  /** The keys of one kind, in either form; a message about a bad one names its setting, never the key. */
  private ApiKeys keys(ConfigKey clearKeys, ConfigKey hashedKeys) {
    List<String> clear = optionalList(clearKeys);
    List<String> hashes = optionalList(hashedKeys);
    try {
      ApiKeys.of(clear, List.of());
    } catch (IllegalArgumentException e) {
      throw invalidSecret(clearKeys, e.getMessage());
    }
    try {
      return ApiKeys.of(clear, hashes);
    } catch (IllegalArgumentException e) {
      throw invalidSecret(hashedKeys, e.getMessage());
    }
  }

  private ConnectionLimits connectionLimits() {
    return new ConnectionLimits((int) number(ConfigKey.MAX_CONNECTIONS, 1, Integer.MAX_VALUE),
        (int) number(ConfigKey.MAX_CONNECTIONS_PER_IP, 1, Integer.MAX_VALUE),
        number(ConfigKey.REQUEST_HEADER_TIMEOUT_MS, MIN_REQUEST_TIMEOUT_MS, Long.MAX_VALUE),
        number(ConfigKey.REQUEST_BODY_TIMEOUT_MS, MIN_REQUEST_TIMEOUT_MS, Long.MAX_VALUE));
  }

  private List<String> optionalList(ConfigKey key) {
    return Arrays.stream(raw(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private void requireLoopbackUnlessProtected(String host, Access access) {
    if (!access.keysRequired() && !access.allowOpenAccess() && !isLoopback(host)) {
      throw invalid(ConfigKey.HTTP_HOST, "binds beyond loopback without API keys; set "
          + ConfigKey.ALLOW_OPEN_ACCESS.envName() + "=true to serve without authentication on purpose");
    }
  }

  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
  }
}
