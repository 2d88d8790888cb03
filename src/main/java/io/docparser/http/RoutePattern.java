package io.docparser.http;

import io.vertx.core.http.HttpMethod;
import java.util.regex.Pattern;

/** A method and the paths it serves, for the handlers that decide by route before the router has chosen one. */
record RoutePattern(HttpMethod method, Pattern paths) {

  /** @param template a path as the contract writes it, such as {@code /status/{job_id}} */
  static RoutePattern of(HttpMethod method, String template) {
    return new RoutePattern(method, Pattern.compile(Pattern.quote(template).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q")));
  }

  /** Every path under {@code prefix} (static files), with GET. */
  static RoutePattern files(String prefix) {
    return new RoutePattern(HttpMethod.GET, Pattern.compile(Pattern.quote(prefix) + ".*"));
  }

  boolean servesPath(String path) {
    return paths.matcher(path).matches();
  }

  boolean serves(HttpMethod requested, String path) {
    return method.equals(requested) && servesPath(path);
  }
}
