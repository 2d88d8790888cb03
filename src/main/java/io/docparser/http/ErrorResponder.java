package io.docparser.http;

import io.docparser.api.ErrorCode;
import io.docparser.api.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers: every 4xx and 5xx is the JSON body
 * {@code {"error", "error_code", "request_id"}}, never a stack trace, host path or class name.
 */
public final class ErrorResponder implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);
  private static final String RETRY_AFTER_SECONDS = "1";
  private static final Pattern INTERNALS =
      Pattern.compile("Exception|Error\\b|\\b(?:java|javax|jdk|sun|io|com|org|net)\\.[a-z]");

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.response().ended()) {
      // The client has its answer; what fails after it (a refused upload's stream being cut) changes nothing.
      LOG.debug("request {} failed after its answer: {}", RequestIds.of(ctx), String.valueOf(ctx.failure()));
      return;
    }
    ServiceException error = classify(ctx.failure(), ctx.statusCode());
    if (error.code() == ErrorCode.INTERNAL_ERROR) {
      LOG.atError().addKeyValue("request_id", RequestIds.of(ctx)).setCause(ctx.failure())
          .log("request {} {} {} failed", RequestIds.of(ctx), ctx.request().method(), ctx.request().path());
    }
    render(ctx, error.code(), error.getMessage());
  }

  static void render(RoutingContext ctx, ErrorCode code, String message) {
    if (ctx.response().ended()) {
      return;
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    boolean bodyUnread = RequestBodies.unread(ctx.request());
    render(ctx.response(), RequestIds.of(ctx), code, message, bodyUnread).onComplete(written -> {
      if (bodyUnread) {
        LingeringClose.close(ctx.vertx(), ctx.request().connection());
      }
    });
  }

  /**
   * The error body, also for answers given outside the router.
   *
   * @param bodyUnread whether the request's body was left unread: the connection cannot carry another request, so
   *                   the caller closes it once the answer is written (the HTTP server would otherwise read the rest
   *                   of the body first)
   */
  static Future<Void> render(HttpServerResponse response, String requestId, ErrorCode code, String message,
      boolean bodyUnread) {
    if (code == ErrorCode.STORE_UNAVAILABLE || code == ErrorCode.QUEUE_FULL || code == ErrorCode.RATE_LIMITED
        || code == ErrorCode.QUOTA_EXCEEDED) {
      response.putHeader("Retry-After", RETRY_AFTER_SECONDS);
    }
    if (bodyUnread) {
      response.putHeader("Connection", "close");
    }
    return JsonAnswers.send(response.putHeader(RequestIds.HEADER, requestId), code.httpStatus(),
        body(code, message, requestId));
  }

  /** The error body, the same for every answer of the service. */
  static JsonObject body(ErrorCode code, String message, String requestId) {
    return new JsonObject()
        .put("error", message)
        .put("error_code", code.name())
        .put("request_id", requestId);
  }

  static ServiceException classify(Throwable failure, int statusCode) {
    if (failure instanceof ServiceException known) {
      return known;
    }
    if (failure instanceof HttpException http) {
      if (http.getCause() instanceof ValidatorException invalid) {
        return new ServiceException(ErrorCode.INVALID_REQUEST, validationMessage(invalid.getMessage()));
      }
      return fromStatus(http.getStatusCode());
    }
    // A status that a handler of Vert.x's gave with its failure (such as a static file's 404) is kept.
    return fromStatus(failure == null || statusCode < 500 ? statusCode : 500);
  }

  /**
   * vertx-openapi's message names the parameter and the rule it breaks, and is kept, with json-schema's word for a
   * value ("Instance") put plainly; a message that would show a class or an exception is replaced.
   */
  static String validationMessage(String message) {
    if (message == null || message.isBlank() || INTERNALS.matcher(message).find()) {
      return "a parameter of the request is invalid";
    }
    return message.replace("Instance type", "Its type").replace("Instance", "It");
  }

  private static ServiceException fromStatus(int status) {
    return switch (status) {
      case 400 -> new ServiceException(ErrorCode.INVALID_REQUEST, "the request is malformed");
      case 404 -> new ServiceException(ErrorCode.NOT_FOUND, "no such resource");
      case 405 -> new ServiceException(ErrorCode.METHOD_NOT_ALLOWED, "this path does not take that method");
      case 413 -> new ServiceException(ErrorCode.PAYLOAD_TOO_LARGE,
          "the request body is larger than this service accepts");
      case 415 -> new ServiceException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "the request's Content-Type is not accepted here");
      default -> new ServiceException(ErrorCode.INTERNAL_ERROR, "the service failed to answer this request");
    };
  }
}
