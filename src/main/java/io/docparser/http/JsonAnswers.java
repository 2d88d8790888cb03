package io.docparser.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;

/** Every JSON answer of the service goes out here, with the one media type the contract declares for JSON. */
final class JsonAnswers {

  /** JSON is UTF-8 by definition (RFC 8259), so no charset parameter: one string for every JSON answer. */
  static final String MEDIA_TYPE = "application/json";

  private JsonAnswers() {
  }

  /** @param body a JsonObject or JsonArray */
  static Future<Void> send(HttpServerResponse response, int status, Object body) {
    return response.setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE).end(Json.encode(body));
  }
}
