package io.docparser.config;

import java.util.List;

/**
 * JDBC URLs as they may be shown: in logs, in error messages, in {@code toString()}. A URL can carry credentials in
 * its user-info ({@code //user:password@host}) and in its parameters ({@code ?password=...}, H2's
 * {@code ;PASSWORD=...}), so both are masked: the user-info whole, each parameter's value (its name stays, which tells
 * an operator what was set).
 */
public final class JdbcUrls {

  static final String MASK = "***";

  private JdbcUrls() {
  }

  /** The URL with its user-info and parameter values masked; the scheme, host, port, path and names stay. */
  public static String redact(String url) {
    Parts parts = Parts.of(url);
    StringBuilder shown = new StringBuilder(parts.beforeUserInfo());
    if (!parts.userInfo().isEmpty()) {
      shown.append(MASK).append('@');
    }
    shown.append(parts.location());
    if (!parts.parameters().isEmpty()) {
      shown.append(parts.parameters().charAt(0)).append(maskValues(parts.parameters().substring(1)));
    }
    return shown.toString();
  }

  /** Whether the URL names a user or password before its host ({@code //user:password@host}). */
  public static boolean hasUserInfo(String url) {
    return !Parts.of(url).userInfo().isEmpty();
  }

  /**
   * A text (a driver's error message, say) with the URL in it redacted, and with its user-info, its parameters and
   * each {@code name=value} of them masked wherever they appear on their own.
   */
  public static String redactIn(String text, String url) {
    if (text == null || url.isEmpty()) {
      return text;
    }
    String shown = text.replace(url, redact(url));
    Parts parts = Parts.of(url);
    for (String secret : List.of(parts.userInfo(), parts.parameters())) {
      if (!secret.isEmpty()) {
        shown = shown.replace(secret, MASK);
      }
    }
    for (String pair : pairs(parts.parameters())) {
      if (pair.contains("=")) {
        shown = shown.replace(pair, masked(pair));
      }
    }
    return shown;
  }

  /** {@code a=1&password=x} as {@code a=***&password=***}. */
  private static String maskValues(String parameters) {
    StringBuilder shown = new StringBuilder();
    for (String parameter : parameters.split("(?<=[&;])")) {
      boolean separated = parameter.endsWith("&") || parameter.endsWith(";");
      shown.append(masked(separated ? parameter.substring(0, parameter.length() - 1) : parameter));
      if (separated) {
        shown.append(parameter.charAt(parameter.length() - 1));
      }
    }
    return shown.toString();
  }

  /** {@code name=***}; a parameter without a value is masked whole. */
  private static String masked(String pair) {
    int equals = pair.indexOf('=');
    return pair.isEmpty() ? "" : equals < 0 ? MASK : pair.substring(0, equals + 1) + MASK;
  }

  /** The {@code name=value} pairs of {@code ?a=1&b=2} or {@code ;A=1;B=2}. */
  private static List<String> pairs(String parameters) {
    return parameters.isEmpty() ? List.of() : List.of(parameters.substring(1).split("[&;]"));
  }

  /**
   * A URL cut into what may be shown and what may not.
   *
   * @param beforeUserInfo up to and including {@code //}, or up to the location when there is no authority
   * @param userInfo       what stands before the authority's {@code @}: user, password; empty when none
   * @param location       host, port, path (or an H2 file name)
   * @param parameters     from the first {@code ?} or {@code ;} after the location on, separator included
   */
  private record Parts(String beforeUserInfo, String userInfo, String location, String parameters) {

    static Parts of(String url) {
      int authority = url.indexOf("//");
      int userInfoEnd = authority < 0 ? -1 : userInfoEnd(url, authority + 2);
      int locationStart = userInfoEnd >= 0 ? userInfoEnd + 1 : authority < 0 ? 0 : authority + 2;
      int parameters = firstOf(url, locationStart, '?', ';');
      int locationEnd = parameters < 0 ? url.length() : parameters;
      return new Parts(
          url.substring(0, authority < 0 ? 0 : authority + 2),
          userInfoEnd < 0 ? "" : url.substring(authority + 2, userInfoEnd),
          url.substring(locationStart, locationEnd),
          parameters < 0 ? "" : url.substring(parameters));
    }

    /**
     * The last {@code @} before the path, as a password may itself hold {@code @}, {@code ?} or {@code ;}; failing
     * that (a password holding {@code /}), the last one before the parameters. -1 when there is none.
     */
    private static int userInfoEnd(String url, int from) {
      int beforePath = lastAt(url, from, url.indexOf('/', from));
      return beforePath >= 0 ? beforePath : lastAt(url, from, firstOf(url, from, '?', ';'));
    }

    private static int lastAt(String url, int from, int before) {
      int at = url.lastIndexOf('@', before < 0 ? url.length() : before);
      return at >= from ? at : -1;
    }

    private static int firstOf(String url, int from, char a, char b) {
      for (int i = from; i < url.length(); i++) {
        if (url.charAt(i) == a || url.charAt(i) == b) {
          return i;
        }
      }
      return -1;
    }
  }
}
