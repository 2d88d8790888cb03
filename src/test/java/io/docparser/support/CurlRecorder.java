package io.docparser.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Records what the {@code curl} commands of a shell script received, so that the answers can be judged against the
 * contract ({@link Contract}) as every other test's are. A {@code curl} placed first on the script's PATH runs the
 * real one with the same arguments, its output passed through unchanged, and keeps beside it the method and URL, the
 * received headers and what it printed.
 */
public final class CurlRecorder {

  private final Path records;
  private final Path bin;

  private CurlRecorder(Path records, Path bin) {
    this.records = records;
    this.bin = bin;
  }

  /** Writes the recording {@code curl} under {@code dir}. */
  public static CurlRecorder in(Path dir) {
    try {
      Path records = Files.createDirectories(dir.resolve("curl-records"));
      Path bin = Files.createDirectories(dir.resolve("curl-bin"));
      Path wrapper = bin.resolve("curl");
      Files.writeString(wrapper, "#!/bin/bash\n"
          + "record=\"" + records + "/$(date +%s%N)-$$\"\n"
          + "'" + realCurl() + "' \"$@\" -D \"$record.head\" -w '%{stderr}%{method} %{url_effective}' "
          + "2> \"$record.meta\" | tee \"$record.out\"\n"
          + "exit ${PIPESTATUS[0]}\n");
      Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
      return new CurlRecorder(records, bin);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The PATH a script gets, with the recording {@code curl} first. */
  public String path() {
    return bin + File.pathSeparator + System.getenv("PATH");
  }

  /** What is wrong with each recorded answer by the contract, with its request; empty when all conform. */
  public List<String> violations() throws IOException {
    List<String> found = new ArrayList<>();
    List<Path> metas;
    try (Stream<Path> files = Files.list(records)) {
      metas = files.filter(file -> file.toString().endsWith(".meta")).sorted().toList();
    }
    for (Path meta : metas) {
      String base = meta.toString().substring(0, meta.toString().length() - ".meta".length());
      String[] request = Files.readString(meta).trim().split(" ", 2);
      byte[] printed = Files.readAllBytes(Path.of(base + ".out"));
      RawHttp.Response head = lastHead(Files.readAllBytes(Path.of(base + ".head")));
      byte[] body = withoutHead(printed);
      String target = Contract.target(URI.create(request[1]));
      List<String> violations = Contract.published().violations(request[0], target, head.status(),
          head.allHeaders(), body);
      if (!violations.isEmpty()) {
        found.add(Contract.report(request[0], target, head.status(), head.allHeaders(), body, violations));
      }
    }
    if (metas.isEmpty()) {
      found.add("no curl command was recorded");
    }
    return found;
  }

  /** The final answer's head in a {@code -D} dump (one head per answer, interim ones such as 100 first). */
  private static RawHttp.Response lastHead(byte[] dump) {
    String[] heads = new String(dump, StandardCharsets.ISO_8859_1).trim().split("\r\n\r\n");
    String head = heads[heads.length - 1].trim() + "\r\n\r\n";
    return RawHttp.Response.parse(head.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** What curl printed, less the head that {@code -i} prints before the body. */
  private static byte[] withoutHead(byte[] printed) {
    String text = new String(printed, StandardCharsets.ISO_8859_1);
    int at = 0;
    while (text.startsWith("HTTP/", at)) {
      int end = text.indexOf("\r\n\r\n", at);
      if (end < 0) {
        return new byte[0];
      }
      at = end + 4;
    }
    return Arrays.copyOfRange(printed, at, printed.length);
  }

  private static String realCurl() {
    for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "curl");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new IllegalStateException("no curl on the PATH");
  }

  /** The environment a script runs in with the recording curl, on top of this one. */
  public Map<String, String> environment() {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("PATH", path());
    return environment;
  }
}
