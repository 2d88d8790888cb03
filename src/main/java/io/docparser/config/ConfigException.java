package io.docparser.config;

/** A setting or a config file that keeps the service from starting; the message names the key or the file. */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
