package io.docparser.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the settings from their four sources, each overriding the one before: conf/config.json (from the working
 * directory, else the copy bundled in the jar), the file given with {@code -conf}, the environment, and system
 * properties. A file that is missing or broken, an unknown key or a bad value stops start-up with a message that
 * names it.
 */
public final class ConfigLoader {

  static final String CONFIG_FILE = "conf/config.json";

  private final Map<String, String> environment;
  private final Map<String, String> properties;

  public ConfigLoader(Map<String, String> environment, Map<String, String> properties) {
    this.environment = Map.copyOf(environment);
    this.properties = Map.copyOf(properties);
  }

  /** The settings of this JVM: its environment, its system properties and the {@code -conf} of its command line. */
  public static ServiceConfig loadForProcess(String[] args) {
    Map<String, String> props = new java.util.HashMap<>();
    System.getProperties().forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v)));
    return new ConfigLoader(System.getenv(), props).load(CommandLine.confArgument(args));
  }

  /**
   * @param confArgument the value of {@code -conf}: a file path or inline JSON; null when it was not given
   */
  public ServiceConfig load(String confArgument) {
    Map<ConfigKey, Setting> settings = new EnumMap<>(ConfigKey.class);
    readDefaultsFile().forEach(layer -> layer.applyTo(settings));
    if (confArgument != null) {
      readConfArgument(confArgument).applyTo(settings);
    }
    fromNames(ConfigKey::envName, environment, "environment").applyTo(settings);
    fromNames(ConfigKey::propertyName, properties, "system property").applyTo(settings);
    return new ConfigValidator(settings).validate();
  }

  private List<Layer> readDefaultsFile() {
    Path local = Path.of(CONFIG_FILE);
    if (Files.isRegularFile(local)) {
      return List.of(fromJson(readFile(local, CONFIG_FILE), CONFIG_FILE));
    }
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(CONFIG_FILE)) {
      if (in == null) {
        return List.of();
      }
      String source = CONFIG_FILE + " (bundled)";
      return List.of(fromJson(parseJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), source), source));
    } catch (IOException e) {
      throw new ConfigException("cannot read the bundled " + CONFIG_FILE + ": " + e.getMessage(), e);
    }
  }

  private Layer readConfArgument(String value) {
    String trimmed = value.trim();
    if (trimmed.startsWith("{")) {
      return fromJson(parseJson(trimmed, "-conf (inline JSON)"), "-conf (inline JSON)");
    }
    Path file = Path.of(value);
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("the -conf file '" + value + "' does not exist or is not a file");
    }
    String source = "-conf file '" + value + "'";
    return fromJson(readFile(file, source), source);
  }

  private static JsonObject readFile(Path file, String source) {
    try {
      return parseJson(Files.readString(file, StandardCharsets.UTF_8), source);
    } catch (IOException e) {
      throw new ConfigException("cannot read " + source + ": " + e.getMessage(), e);
    }
  }

  private static JsonObject parseJson(String text, String source) {
    try {
      return new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw new ConfigException(source + " is not a valid JSON object: " + e.getMessage(), e);
    }
  }

  private static Layer fromJson(JsonObject json, String source) {
    Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
    for (Map.Entry<String, Object> entry : json) {
      ConfigKey key = ConfigKey.fromJsonKey(entry.getKey());
      if (key == null) {
        throw new ConfigException("unknown key '" + entry.getKey() + "' in " + source);
      }
      values.put(key, asString(entry.getValue()));
    }
    return new Layer(source, values);
  }

  private static String asString(Object value) {
    if (value instanceof JsonArray array) {
      List<String> items = new ArrayList<>();
      array.forEach(item -> items.add(String.valueOf(item)));
      return String.join(",", items);
    }
    return value == null ? "" : String.valueOf(value);
  }

  private static Layer fromNames(java.util.function.Function<ConfigKey, String> name, Map<String, String> source,
      String sourceName) {
    Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
    for (ConfigKey key : ConfigKey.values()) {
      String value = source.get(name.apply(key));
      if (value != null) {
        values.put(key, value);
      }
    }
    return new Layer(sourceName, values);
  }

  /** A value and where it came from, so that an error message can point at the place to fix. */
  record Setting(String value, String source) {
  }

  private record Layer(String source, Map<ConfigKey, String> values) {
    void applyTo(Map<ConfigKey, Setting> settings) {
      values.forEach((key, value) -> settings.put(key, new Setting(value, source)));
    }
  }
}
