package io.docparser.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * HTTP/1.1 over a plain socket, for requests that java.net.http refuses to send (bad request lines, control
 * characters in a path or header, broken framing): the bytes go out exactly as given, and the answer is read until
 * the server closes the connection. {@link #send} judges the answer against the published openapi.yaml when the
 * request line is well formed and names an operation the contract declares ({@link Contract}); {@link #exchange}
 * only sends and reads.
 */
public final class RawHttp {

  private static final int TIMEOUT_MS = 20_000;

  private final int port;
  private final int timeoutMs;

  public RawHttp(int port) {
    this(port, TIMEOUT_MS);
  }

  /** With this bound on each read (and on the connect), so that a server that never answers fails the test. */
  public RawHttp(int port, int timeoutMs) {
    this.port = port;
    this.timeoutMs = timeoutMs;
  }

  /**
   * Sends the request as it is (it should say {@code Connection: close}), reads the whole answer, and fails the test
   * when the answer does not conform to the contract.
   */
  public Response send(byte[] request) {
    Response response = exchange(request);
    RequestLine line = RequestLine.of(request);
    if (line != null) {
      Contract.published().assertConforms(line.method(), line.target(), response.status(), response.allHeaders(),
          response.rawBody());
    }
    return response;
  }

  /**
   * Sends the request as it is and reads the whole answer, judging nothing. The request is written from a thread of
   * its own while this one reads, as an HTTP client does: a server may answer a request from its head and close
   * without reading the body, and a client that wrote a large body whole before reading would never see that answer.
   */
  public Response exchange(byte[] request) {
    AtomicBoolean sentWhole = new AtomicBoolean();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMs);
      socket.setSoTimeout(timeoutMs);
      OutputStream out = socket.getOutputStream();
      Thread writer = new Thread(() -> sentWhole.set(writeAll(out, request)), "raw-http-request");
      writer.setDaemon(true);
      writer.start();
      byte[] answer = readAll(socket.getInputStream());
      if (answer.length == 0) {
        writer.join(timeoutMs);
        throw new AssertionError("127.0.0.1:" + port + " closed the connection without an answer"
            + (sentWhole.get() ? "" : ", before the whole request was sent"));
      }
      return Response.parse(answer);
    } catch (IOException e) {
      throw new AssertionError("no answer from 127.0.0.1:" + port + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public Response send(String request) {
    return send(request.getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * Sends {@code head} (which must declare {@code bodyBytes} as its Content-Length), then that many zero bytes from a
   * thread of their own, while this thread reads the answer: a server that answers without reading the body gets its
   * answer read, and the writer stops when the server closes the connection.
   */
  public Response sendWithBody(String head, long bodyBytes) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(timeoutMs);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      Thread writer = new Thread(() -> writeZeros(out, bodyBytes), "raw-http-body");
      writer.setDaemon(true);
      writer.start();
      Response response = Response.parse(readAll(socket.getInputStream()));
      RequestLine line = RequestLine.of(head.getBytes(StandardCharsets.ISO_8859_1));
      if (line != null) {
        Contract.published().assertConforms(line.method(), line.target(), response.status(), response.allHeaders(),
            response.rawBody());
      }
      return response;
    } catch (IOException e) {
      throw new AssertionError("no answer from 127.0.0.1:" + port + ": " + e, e);
    }
  }

  private static void writeZeros(OutputStream out, long count) {
    byte[] zeros = new byte[65536];
    try {
      for (long written = 0; written < count; written += zeros.length) {
        out.write(zeros, 0, (int) Math.min(zeros.length, count - written));
      }
    } catch (IOException closedByTheServer) {
      // the answer is what the test reads
    }
  }

  /**
   * A server may answer and close while a body it refuses is still being sent; what it answered is still there to
   * be read, so a write cut short is not a failure.
   *
   * @return whether the whole request was written
   */
  private static boolean writeAll(OutputStream out, byte[] request) {
    try {
      for (int offset = 0; offset < request.length; offset += 65536) {
        out.write(request, offset, Math.min(65536, request.length - offset));
      }
      out.flush();
      return true;
    } catch (IOException closedEarly) {
      return false;
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    try {
      for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
        answer.write(chunk, 0, read);
        if (Response.isComplete(answer.toByteArray())) {
          break;
        }
      }
    } catch (SocketException reset) {
      if (answer.size() == 0) {
        throw reset;
      }
    }
    return answer.toByteArray();
  }

  /**
   * The method and target of a request's first line, when it is a well-formed HTTP/1.x request line.
   */
  public record RequestLine(String method, String target) {

    public static RequestLine of(byte[] request) {
      int end = 0;
      while (end < request.length && end < 16384 && request[end] != '\r' && request[end] != '\n') {
        end++;
      }
      String[] parts = new String(request, 0, end, StandardCharsets.ISO_8859_1).split(" ", -1);
      if (parts.length != 3 || !parts[2].startsWith("HTTP/1.") || parts[0].isEmpty()
          || !parts[0].chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
        return null;
      }
      return new RequestLine(parts[0], parts[1]);
    }
  }

  /**
   * An HTTP answer: status, headers (names in lower case; the last of repeated ones) and body as text; and every value
   * of each header, and the body's bytes (de-chunked).
   */
  public record Response(int status, Map<String, String> headers, String body, Map<String, List<String>> allHeaders,
      byte[] rawBody) {

    public static Response parse(byte[] raw) {
      String head = new String(raw, StandardCharsets.ISO_8859_1);
      int end = head.indexOf("\r\n\r\n");
      if (end < 0) {
        throw new AssertionError("not an HTTP answer: " + new String(raw, StandardCharsets.UTF_8));
      }
      String[] lines = new String(raw, 0, end, StandardCharsets.UTF_8).split("\r\n");
      Map<String, String> headers = new LinkedHashMap<>();
      Map<String, List<String>> allHeaders = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        String[] header = lines[i].split(":", 2);
        String name = header[0].trim().toLowerCase(Locale.ROOT);
        String value = header.length > 1 ? header[1].trim() : "";
        headers.put(name, value);
        allHeaders.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      }
      byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
      if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        body = dechunk(body);
      }
      return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers,
          new String(body, StandardCharsets.UTF_8), allHeaders, body);
    }

    private static byte[] dechunk(byte[] chunked) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      int at = 0;
      while (at < chunked.length) {
        int lineEnd = indexOf(chunked, at);
        if (lineEnd < 0) {
          break;
        }
        String size = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
        int length = size.isEmpty() ? 0 : Integer.parseInt(size, 16);
        if (length == 0) {
          break;
        }
        body.write(chunked, lineEnd + 2, Math.min(length, chunked.length - lineEnd - 2));
        at = lineEnd + 2 + length + 2;
      }
      return body.toByteArray();
    }

    private static int indexOf(byte[] bytes, int from) {
      for (int i = from; i + 1 < bytes.length; i++) {
        if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
          return i;
        }
      }
      return -1;
    }

    /** Whether the answer's head and the body its Content-Length announces have all arrived. */
    static boolean isComplete(byte[] raw) {
      String text = new String(raw, StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      if (end < 0) {
        return false;
      }
      for (String line : text.substring(0, end).split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          return raw.length - end - 4 >= Long.parseLong(line.substring("content-length:".length()).trim());
        }
      }
      return false;
    }

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }
}
