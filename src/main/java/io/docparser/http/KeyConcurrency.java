package io.docparser.http;

import io.docparser.api.ErrorCode;
import io.docparser.api.ServiceException;
import io.docparser.config.Access;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many requests of each API key this node serves at once, and how many of them are long polls: each request in
 * flight holds memory (a JSON submission its whole body) and each long poll a wait, so one key may hold only so many,
 * and the others are served meanwhile. Counted per node, like the request rate: the limits bound what one node
 * holds. A request without a key (open routes, or no keys configured) is not counted.
 */
final class KeyConcurrency implements PlatformHandler {

  private final int maxInFlight;
  private final int maxLongPolls;
  private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
  private final Map<String, Integer> longPolls = new ConcurrentHashMap<>();

  KeyConcurrency(Access access) {
    this.maxInFlight = access.maxInFlight();
    this.maxLongPolls = access.maxLongPolls();
  }

  @Override
  public void handle(RoutingContext ctx) {
    String keyId = ApiKeyAuth.keyId(ctx).orElse(null);
    if (keyId == null) {
      ctx.next();
      return;
    }
    if (!tryTake(inFlight, keyId, maxInFlight)) {
      ctx.fail(new ServiceException(ErrorCode.RATE_LIMITED, "this API key has " + maxInFlight
          + " requests in flight on this node, as many as one key may; try again when some have been answered"));
      return;
    }
    ctx.addEndHandler(ended -> release(inFlight, keyId));
    ctx.next();
  }

  /** Admits a long poll of the request's key, released when the request ends; refused past the key's limit. */
  void admitLongPoll(RoutingContext ctx) {
    String keyId = ApiKeyAuth.keyId(ctx).orElse(null);
    if (keyId == null) {
      return;
    }
    if (!tryTake(longPolls, keyId, maxLongPolls)) {
      throw new ServiceException(ErrorCode.RATE_LIMITED, "this API key has " + maxLongPolls + " long polls waiting"
          + " on this node, as many as one key may; poll without ?wait, or try again when some have been answered");
    }
    ctx.addEndHandler(ended -> release(longPolls, keyId));
  }

  private static boolean tryTake(Map<String, Integer> counts, String keyId, int max) {
    boolean[] taken = {false};
    counts.compute(keyId, (id, held) -> {
      int now = held == null ? 0 : held;
      if (max != 0 && now >= max) {
        return held;
      }
      taken[0] = true;
      return now + 1;
    });
    return taken[0];
  }

  private static void release(Map<String, Integer> counts, String keyId) {
    counts.computeIfPresent(keyId, (id, held) -> held <= 1 ? null : held - 1);
  }
}
