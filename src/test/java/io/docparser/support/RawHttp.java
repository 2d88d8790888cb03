package io.docparser.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests that java.net.http refuses to send (bad request lines, control
 * characters in a path or header, broken framing): the bytes go out exactly as given, and the answer is read until
 * the server closes the connection.
 */
public final class RawHttp {

  private static final int TIMEOUT_MS = 20_000;

  private final int port;

  public RawHttp(int port) {
    this.port = port;
  }

  /** Sends the request as it is (it should say {@code Connection: close}) and reads the whole answer. */
  public Response send(byte[] request) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(TIMEOUT_MS);
      writeAll(socket.getOutputStream(), request);
      return Response.parse(readAll(socket.getInputStream()));
    } catch (IOException e) {
      throw new AssertionError("no answer from 127.0.0.1:" + port + ": " + e, e);
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
      socket.setSoTimeout(TIMEOUT_MS);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      Thread writer = new Thread(() -> writeZeros(out, bodyBytes), "raw-http-body");
      writer.setDaemon(true);
      writer.start();
      return Response.parse(readAll(socket.getInputStream()));
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
   */
  private static void writeAll(OutputStream out, byte[] request) throws IOException {
    try {
      for (int offset = 0; offset < request.length; offset += 65536) {
        out.write(request, offset, Math.min(65536, request.length - offset));
      }
      out.flush();
    } catch (SocketException closedEarly) {
      // fall through to the answer
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

  /** An HTTP answer: status, headers (names in lower case; the last of repeated ones) and body as text. */
  public record Response(int status, Map<String, String> headers, String body) {

    public static Response parse(byte[] raw) {
      String text = new String(raw, StandardCharsets.UTF_8);
      int end = text.indexOf("\r\n\r\n");
      if (end < 0) {
        throw new AssertionError("not an HTTP answer: " + text);
      }
      String[] lines = text.substring(0, end).split("\r\n");
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        String[] header = lines[i].split(":", 2);
        headers.put(header[0].trim().toLowerCase(Locale.ROOT), header.length > 1 ? header[1].trim() : "");
      }
      return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
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
