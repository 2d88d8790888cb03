package io.docparser.support.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.1 request as the fuzz test sends it, byte for byte. Every string here is "wire text": one char per byte
 * (ISO-8859-1), so that a test can put any byte (NUL, CR, a lone 0xC0) anywhere; {@link #utf8} turns ordinary text
 * into wire text. The path and query values are sent as they are: encoding them is the builder's choice.
 */
public final class FuzzRequest {

  public String method;
  public String path;
  public String version = "HTTP/1.1";
  /** Name and value of each query parameter, as on the wire; a null value sends the name alone. */
  public final List<String[]> query = new ArrayList<>();
  public final List<String[]> headers = new ArrayList<>();
  public byte[] body;
  /** Whether a Content-Length for the body is added (a request may bring its own framing instead). */
  public boolean contentLength = true;
  /** Whether the head ends (with an empty line); a head that never ends is sent without it, and without a body. */
  public boolean endHead = true;
  /**
   * Whether the server may close the connection without an answer (within the answer timeout): what it does, by
   * design, to a client that never finishes its request head.
   */
  public boolean silentCloseAllowed;
  /** Bytes the Content-Length announces beyond the body: a body that never arrives whole. */
  public int missingBodyBytes;
  /** What was done to the request, for the report of a failure. */
  public final List<String> notes = new ArrayList<>();

  public FuzzRequest(String method, String path) {
    this.method = method;
    this.path = path;
  }

  public static String utf8(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  public FuzzRequest header(String name, String value) {
    headers.add(new String[] {name, value});
    return this;
  }

  public FuzzRequest removeHeader(String name) {
    headers.removeIf(header -> header[0].equalsIgnoreCase(name));
    return this;
  }

  public String headerValue(String name) {
    return headers.stream().filter(header -> header[0].equalsIgnoreCase(name)).map(header -> header[1]).findFirst()
        .orElse(null);
  }

  public FuzzRequest note(String note) {
    notes.add(note);
    return this;
  }

  public String target() {
    if (query.isEmpty()) {
      return path;
    }
    StringBuilder target = new StringBuilder(path).append('?');
    for (int i = 0; i < query.size(); i++) {
      target.append(i == 0 ? "" : "&").append(query.get(i)[0]);
      if (query.get(i)[1] != null) {
        target.append('=').append(query.get(i)[1]);
      }
    }
    return target.toString();
  }

  public boolean isHead() {
    return "HEAD".equals(method);
  }

  public byte[] toBytes() {
    StringBuilder head = new StringBuilder(method).append(' ').append(target()).append(' ').append(version)
        .append("\r\n");
    for (String[] header : headers) {
      head.append(header[0]).append(": ").append(header[1]).append("\r\n");
    }
    if (body != null && contentLength) {
      head.append("Content-Length: ").append(body.length + missingBodyBytes).append("\r\n");
    }
    head.append("Connection: close\r\n").append(endHead ? "\r\n" : "");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (body != null && endHead) {
      bytes.writeBytes(body);
    }
    return bytes.toByteArray();
  }

  /** The request for a report: its head with control bytes shown, long values cut, and the start of its body. */
  public String describe() {
    StringBuilder text = new StringBuilder(printable(method + " " + target() + " " + version));
    for (String[] header : headers) {
      text.append("\n      ").append(printable(header[0] + ": " + header[1]));
    }
    if (body != null) {
      text.append("\n      body (").append(body.length).append(" bytes): ")
          .append(printable(new String(body, 0, Math.min(body.length, 300), StandardCharsets.ISO_8859_1)));
    }
    if (!notes.isEmpty()) {
      text.append("\n      mutations: ").append(String.join("; ", notes));
    }
    return text.toString();
  }

  static String printable(String wire) {
    StringBuilder shown = new StringBuilder();
    int run = 0;
    for (int i = 0; i < wire.length(); i++) {
      char c = wire.charAt(i);
      run = i > 0 && c == wire.charAt(i - 1) ? run + 1 : 0;
      if (run == 40) {
        int end = i;
        while (end < wire.length() && wire.charAt(end) == c) {
          end++;
        }
        shown.append("...(").append(end - i + 40).append(" in all)");
        i = end - 1;
        continue;
      }
      if (run > 40) {
        continue;
      }
      shown.append(c < 0x20 || c >= 0x7f ? String.format(Locale.ROOT, "\\x%02X", (int) c) : String.valueOf(c));
    }
    return shown.length() > 600 ? shown.substring(0, 600) + "...(cut)" : shown.toString();
  }

  public FuzzRequest copy() {
    FuzzRequest copy = new FuzzRequest(method, path);
    copy.version = version;
    query.forEach(parameter -> copy.query.add(parameter.clone()));
    headers.forEach(header -> copy.headers.add(header.clone()));
    copy.body = body == null ? null : body.clone();
    copy.contentLength = contentLength;
    copy.endHead = endHead;
    copy.silentCloseAllowed = silentCloseAllowed;
    copy.missingBodyBytes = missingBodyBytes;
    copy.notes.addAll(notes);
    return copy;
  }
}
