package io.docparser.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code java -jar doc-parser-service.jar hash-api-key}: reads one key from standard input and prints the entry
 * {@code DOCPARSER_API_KEY_HASHES} (config.json {@code api.key.hashes}) takes for it, so that a configuration file
 * never has to hold a key. The key is read from standard input rather than the command line, where it would stay
 * in the shell's history and in the process list.
 */
public final class HashApiKey {

  public static final String COMMAND = "hash-api-key";

  private HashApiKey() {
  }

  /** @return the process's exit status */
  public static int run(BufferedReader in, PrintStream out, PrintStream err) throws IOException {
    String key = in.readLine();
    if (key == null || key.isBlank()) {
      err.println("hash-api-key reads a key from standard input, e.g.: echo \"$KEY\" | java -jar"
          + " doc-parser-service.jar hash-api-key");
      return 64;
    }
    try {
      out.println(ApiKeys.hashEntry(key.strip()));
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("the key " + e.getMessage().replaceFirst("^holds a key that is", "is"));
      return 65;
    }
  }

  /** Reads standard input; an input that cannot be read exits with sysexits' EX_IOERR. */
  public static int run() {
    try {
      return run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out,
          System.err);
    } catch (IOException e) {
      System.err.println("hash-api-key could not read standard input: " + e.getMessage());
      return 74;
    }
  }
}
