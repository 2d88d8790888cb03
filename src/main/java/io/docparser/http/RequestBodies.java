package io.docparser.http;

import io.vertx.core.http.HttpServerRequest;

/** What a request's headers say about its body, read before any byte of the body is. */
final class RequestBodies {

  private RequestBodies() {
  }

  /** The Content-Length header's value, or -1 when there is none usable (a chunked body, or no body). */
  static long declaredLength(HttpServerRequest request) {
    String declared = request.getHeader("Content-Length");
    return declared != null && declared.matches("\\d{1,18}") ? Long.parseLong(declared) : -1;
  }

  /** Whether the request comes with a body: a Content-Length above zero, or a Transfer-Encoding (chunked). */
  static boolean declaresBody(HttpServerRequest request) {
    return declaredLength(request) > 0 || request.getHeader("Transfer-Encoding") != null;
  }

  /**
   * Whether bytes of the body may still be on their way: the connection then cannot carry another request, and is
   * closed once the answer is out rather than read to the end of a body nobody wants.
   */
  static boolean unread(HttpServerRequest request) {
    return declaresBody(request) && !request.isEnded();
  }
}
