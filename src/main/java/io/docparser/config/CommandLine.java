package io.docparser.config;

import java.util.Locale;

/** The few facts {@code Main} needs from the command line before the Vert.x launcher parses it. */
public final class CommandLine {

  private CommandLine() {
  }

  /** The value of {@code -conf}/{@code --conf} (also as {@code --conf=value}), or null. */
  public static String confArgument(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i].toLowerCase(Locale.ROOT);
      if ((arg.equals("-conf") || arg.equals("--conf")) && i + 1 < args.length) {
        return args[i + 1];
      }
      if (arg.startsWith("-conf=") || arg.startsWith("--conf=")) {
        return args[i].substring(args[i].indexOf('=') + 1);
      }
    }
    return null;
  }

  /** Whether {@code -cluster} (or {@code --cluster}, {@code -c}) was given. */
  public static boolean isClustered(String[] args) {
    for (String arg : args) {
      String a = arg.toLowerCase(Locale.ROOT);
      if (a.equals("-cluster") || a.equals("--cluster") || a.equals("-c")) {
        return true;
      }
    }
    return false;
  }
}
