package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.api.ErrorCode;
import io.docparser.support.DeployedNode;
import io.docparser.support.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Slow and numerous clients against a node with small connection limits and short request deadlines. */
@DisplayName("Connection limits and request deadlines")
class ConnectionLimitsTest {

  private static final int PER_ADDRESS = 4;
  private static final long HEADER_TIMEOUT_MS = 1_500;
  private static final long BODY_TIMEOUT_MS = 2_000;
  /** How long a read waits for the server: well past either deadline. */
  private static final int READ_TIMEOUT_MS = 15_000;

  @RegisterExtension
  static final DeployedNode node = DeployedNode.with(Map.of(
      "DOCPARSER_MAX_CONNECTIONS_PER_IP", String.valueOf(PER_ADDRESS),
      "DOCPARSER_REQUEST_HEADER_TIMEOUT_MS", String.valueOf(HEADER_TIMEOUT_MS),
      "DOCPARSER_REQUEST_BODY_TIMEOUT_MS", String.valueOf(BODY_TIMEOUT_MS)));

  /**
   * The node counts a connection until it has seen it closed, a little after the test closed it; the next test
   * starts once a fresh connection is served again.
   */
  @AfterEach
  void awaitReleasedConnections() throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Socket probe = connect()) {
        write(probe, "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1:" + node.httpPort()
            + "\r\nConnection: close\r\n\r\n");
        if (RawHttp.Response.parse(probe.getInputStream().readAllBytes()).status() == 200) {
          return;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the node still refuses new connections 10 s after the test closed its own");
  }

  @Test
  @DisplayName("a client that trickles its request head in is cut off at the header deadline, not served")
  void slowHeadIsCutOff() throws Exception {
    try (Socket slow = connect()) {
      write(slow, "GET /formats HTTP/1.1\r\nHost: 127.0.0.1:" + node.httpPort() + "\r\nX-Slow: ");
      long start = System.nanoTime();

      assertEquals(-1, slow.getInputStream().read(), "the server answered a request head that never ended");
      assertTrue(elapsedMs(start) < READ_TIMEOUT_MS);
    }
  }

  @Test
  @DisplayName("a keep-alive connection that idles past the header deadline is closed")
  void idleConnectionIsClosed() throws Exception {
    try (Socket idle = connect()) {
      write(idle, "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1:" + node.httpPort() + "\r\n\r\n");
      InputStream in = idle.getInputStream();
      String answer = readHead(in);
      assertTrue(answer.startsWith("HTTP/1.1 200"), answer);

      in.skip(in.available());
      assertEquals(-1, drain(in), "an idle connection stayed open past the header deadline");
    }
  }

  @Test
  @DisplayName("a body that does not arrive within its deadline is answered 408 REQUEST_TIMEOUT")
  void slowBodyTimesOut() throws Exception {
    try (Socket slow = connect()) {
      write(slow, "POST /submit HTTP/1.1\r\nHost: 127.0.0.1:" + node.httpPort()
          + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 1000000\r\n\r\n" + "x".repeat(100));

      RawHttp.Response response = RawHttp.Response.parse(slow.getInputStream().readAllBytes());

      assertEquals(408, response.status(), response.body());
      HostileRequestsTest.assertCleanError(response, ErrorCode.REQUEST_TIMEOUT);
    }
  }

  @Test
  @DisplayName("connections past the per-address limit get 429 and are closed; the held ones still work")
  void connectionsPastTheLimitAreRefused() throws Exception {
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < PER_ADDRESS; i++) {
        held.add(connect());
      }
      try (Socket extra = connect()) {
        write(extra, "GET /formats HTTP/1.1\r\nHost: 127.0.0.1:" + node.httpPort() + "\r\nConnection: close\r\n\r\n");
        RawHttp.Response refused = RawHttp.Response.parse(extra.getInputStream().readAllBytes());

        assertEquals(429, refused.status(), refused.body());
        HostileRequestsTest.assertCleanError(refused, ErrorCode.RATE_LIMITED);
      }
      Socket first = held.get(0);
      write(first, "GET /formats HTTP/1.1\r\nHost: 127.0.0.1:" + node.httpPort() + "\r\nConnection: close\r\n\r\n");
      assertEquals(200, RawHttp.Response.parse(first.getInputStream().readAllBytes()).status());
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
  }

  private static Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", node.httpPort());
    socket.setSoTimeout(READ_TIMEOUT_MS);
    return socket;
  }

  private static void write(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int next = in.read();
      if (next < 0) {
        break;
      }
      head.append((char) next);
    }
    return head.toString();
  }

  /** Reads to the end of the stream; -1 once the server closed the connection. */
  private static int drain(InputStream in) throws IOException {
    int next;
    do {
      next = in.read();
    } while (next >= 0);
    return next;
  }

  private static long elapsedMs(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
