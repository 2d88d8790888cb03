package io.docparser.http;

import io.docparser.api.ErrorCode;
import io.docparser.api.ServiceException;
import io.docparser.jobs.Job;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.PlatformHandler;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the request target, path and query, before anything reads it. A path that names a job by anything but a
 * well-formed job id names no job: 404 NOT_FOUND at once (DESIGN.md: a malformed id is a 404, never a 400), before
 * the contract's validator could call it a bad parameter and before any store is asked. The id is read from the raw
 * path, so a percent-escape, CR/LF, {@code ../} or an over-long id is simply not an id. Which paths name a job comes
 * from the contract: every operation with a {@code {job_id}} path parameter. Any other path, or a query, whose
 * percent-encoding is broken cannot be read: 400, here, rather than an exception wherever it is read first.
 */
final class RequestTargets implements PlatformHandler {

  private static final String JOB_ID = "{job_id}";

  private final List<Pattern> jobPaths;

  private RequestTargets(List<Pattern> jobPaths) {
    this.jobPaths = jobPaths;
  }

  static RequestTargets forContract(OpenAPIContract contract) {
    return new RequestTargets(contract.operations().stream()
        .map(Operation::getOpenAPIPath)
        .filter(path -> path.contains(JOB_ID))
        .distinct()
        .map(path -> Pattern.compile(Pattern.quote(path.substring(0, path.indexOf(JOB_ID))) + "([^/]*)"
            + Pattern.quote(path.substring(path.indexOf(JOB_ID) + JOB_ID.length()))))
        .toList());
  }

  /** For a router without job paths. */
  static RequestTargets withoutJobs() {
    return new RequestTargets(List.of());
  }

  @Override
  public void handle(RoutingContext ctx) {
    String path = ctx.request().path();
    for (Pattern jobPath : jobPaths) {
      Matcher named = jobPath.matcher(path);
      if (named.matches() && !Job.isWellFormedId(named.group(1))) {
        ctx.fail(new ServiceException(ErrorCode.NOT_FOUND,
            "no such job: a job id is the UUID that /submit answered with"));
        return;
      }
    }
    if (!decodes(() -> ctx.normalizedPath())) {
      ctx.fail(new ServiceException(ErrorCode.INVALID_REQUEST, "the path has a broken percent-encoding"));
      return;
    }
    if (!decodes(() -> ctx.queryParams())) {
      ctx.fail(new ServiceException(ErrorCode.INVALID_REQUEST,
          "the query has a broken percent-encoding: a '%' must be followed by two hexadecimal digits"));
      return;
    }
    ctx.next();
  }

  /** Vert.x throws its own 400 for a broken query, and an IllegalArgumentException for a broken path. */
  private static boolean decodes(Runnable read) {
    try {
      read.run();
      return true;
    } catch (IllegalArgumentException | HttpException broken) {
      return false;
    }
  }
}
