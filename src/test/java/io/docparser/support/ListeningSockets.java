package io.docparser.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets listening on this machine, as the kernel reports them: Linux's /proc/net/tcp and /proc/net/tcp6,
 * so that a test sees the bind itself rather than whether a connection works.
 */
public final class ListeningSockets {

  private static final String LISTEN = "0A";

  private ListeningSockets() {
  }

  public static boolean available() {
    return Files.isReadable(Path.of("/proc/net/tcp"));
  }

  /** Addresses as Java writes them; an IPv4-mapped IPv6 address (a dual-stack socket) as its IPv4 address. */
  public static List<String> boundAddresses(int port) {
    return listening().stream().filter(socket -> socket.port() == port).map(Listening::address).toList();
  }

  /**
   * Every {@code address:port} that process {@code pid} listens on: the kernel's listening sockets whose inodes are
   * among the process's open files (readable for a process of the same user).
   */
  public static List<String> ofProcess(long pid) {
    Set<String> inodes = socketInodes(Path.of("/proc", String.valueOf(pid), "fd"));
    return listening().stream().filter(socket -> inodes.contains(socket.inode()))
        .map(socket -> socket.address() + ":" + socket.port()).distinct().toList();
  }

  private record Listening(String address, int port, String inode) {
  }

  private static List<Listening> listening() {
    List<Listening> sockets = new ArrayList<>();
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
          if (fields[3].equals(LISTEN)) {
            sockets.add(new Listening(render(local[0]), Integer.parseInt(local[1], 16), fields[9]));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return sockets;
  }

  /** A socket among a process's open files is a link to {@code socket:[inode]}. */
  private static Set<String> socketInodes(Path fds) {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> files = Files.list(fds)) {
      for (Path fd : files.toList()) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring("socket:[".length(), target.length() - 1));
          }
        } catch (IOException closedMeanwhile) {
          // the file was closed between the listing and the read
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return inodes;
  }

  /** /proc/net/tcp writes an address as 32-bit words in hex, each in the machine's (little-endian) byte order. */
  private static String render(String hex) {
    byte[] words = HexFormat.of().parseHex(hex);
    byte[] address = new byte[words.length];
    for (int word = 0; word < words.length; word += 4) {
      for (int i = 0; i < 4; i++) {
        address[word + i] = words[word + 3 - i];
      }
    }
    try {
      return InetAddress.getByAddress(address).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException("/proc/net/tcp holds an address of " + address.length + " bytes", e);
    }
  }
}
