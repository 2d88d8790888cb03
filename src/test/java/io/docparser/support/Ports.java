package io.docparser.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for the servers tests start. They are taken below Linux's ephemeral range (32768 and up):
 * a port the system hands out on its own (an event bus's, a client socket's) can then never take the port chosen
 * here between the moment it is chosen and the moment a node binds it.
 */
public final class Ports {

  private static final int FIRST = 20_000;
  private static final int LAST = 32_000;

  private Ports() {
  }

  public static int free() {
    for (int tries = 0; tries < 1_000; tries++) {
      int port = ThreadLocalRandom.current().nextInt(FIRST, LAST);
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("no free port between " + FIRST + " and " + LAST);
  }
}
