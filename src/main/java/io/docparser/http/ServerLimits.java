package io.docparser.http;

import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;

/**
 * What the HTTP server itself accepts, before any route sees a request. Each limit is set here even where it equals
 * Vert.x's default, so that a change of default in a Vert.x release cannot widen what the service takes.
 */
final class ServerLimits {

  /**
   * Method, URL and version. The longest URL the API needs is a raw upload's {@code ?filename=} and
   * {@code output_format}: a file name of 255 characters, percent-encoded UTF-8, is at most 3 KiB; 8 KiB is what common
   * proxies allow too. Past it: 414 URI_TOO_LONG.
   */
  static final int MAX_REQUEST_LINE_BYTES = 8192;
  /** All header lines together: an API key, a percent-encoded password and a browser's usual headers fit. */
  static final int MAX_HEADER_BYTES = 8192;
  /** One form field (multipart /submit): a file name, a password, a media type, an output format. */
  static final int MAX_FORM_FIELD_BYTES = 8192;
  /** Form fields in one request; /submit takes four besides the file part, so a form with more is refused early. */
  static final int MAX_FORM_FIELDS = 16;
  /** What a form decoder may hold in memory while it looks for a part's end. */
  static final int MAX_FORM_BUFFERED_BYTES = 1024;
  /**
   * A connection that sends and receives nothing for this long is closed: it bounds a client that trickles a request
   * in (slowloris), and is longer than the longest long poll ({@link JobRoutes#MAX_WAIT_SECONDS}), which sends
   * nothing while it waits.
   */
  static final int IDLE_TIMEOUT_SECONDS = 120;

  private ServerLimits() {
  }

  /**
   * Cleartext HTTP/2 is off: every request then goes through the HTTP/1.1 decoder, whose refusals
   * {@link InvalidRequests} answers in the API's error shape, and h2c's stream floods are out of reach. Request
   * bodies are never decompressed, so a small compressed body cannot expand past the body limits.
   */
  static HttpServerOptions options() {
    return new HttpServerOptions()
        .setMaxInitialLineLength(MAX_REQUEST_LINE_BYTES)
        .setMaxHeaderSize(MAX_HEADER_BYTES)
        .setMaxFormAttributeSize(MAX_FORM_FIELD_BYTES)
        .setMaxFormFields(MAX_FORM_FIELDS)
        .setMaxFormBufferedBytes(MAX_FORM_BUFFERED_BYTES)
        .setIdleTimeout(IDLE_TIMEOUT_SECONDS)
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setHttp2ClearTextEnabled(false)
        .setDecompressionSupported(false);
  }
}
