package io.docparser.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The addresses the sockets listening on a TCP port are bound to, as the kernel reports them: Linux's
 * /proc/net/tcp and /proc/net/tcp6, so that a test sees the bind itself rather than whether a connection works.
 */
public final class ListeningSockets {

  private static final String LISTEN = "0A";

  private ListeningSockets() {
  }

  public static boolean available() {
    return Files.isReadable(Path.of("/proc/net/tcp"));
  }

  /** Addresses as the kernel writes them, rendered: IPv4 dotted, IPv6 as 32 hex digits. */
  public static List<String> boundAddresses(int port) {
    List<String> addresses = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path file = Path.of(table);
      if (!Files.isReadable(file)) {
        continue;
      }
      try {
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
          String[] fields = line.trim().split("\\s+");
          String[] local = fields[1].split(":");
          if (fields[3].equals(LISTEN) && Integer.parseInt(local[1], 16) == port) {
            addresses.add(render(local[0]));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return addresses;
  }

  /** /proc/net/tcp writes an IPv4 address as one little-endian 32-bit word in hex. */
  private static String render(String hex) {
    if (hex.length() != 8) {
      return hex.toLowerCase(Locale.ROOT);
    }
    byte[] bytes = HexFormat.of().parseHex(hex);
    return (bytes[3] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[0] & 0xff);
  }
}
