package io.docparser.config;

/**
 * What one node's HTTP server holds for its clients, so that many or slow clients cannot exhaust it.
 *
 * @param maxConnections           open connections, from all clients together
 * @param maxConnectionsPerAddress open connections from one client address
 * @param headerTimeoutMs          time a connection has, from its opening or its previous answer, to send a whole
 *                                 request head (a client that trickles headers in, or idles, is cut off)
 * @param bodyTimeoutMs            time a submission's body has to arrive whole, once its head has
 */
public record ConnectionLimits(int maxConnections, int maxConnectionsPerAddress, long headerTimeoutMs,
    long bodyTimeoutMs) {
}
