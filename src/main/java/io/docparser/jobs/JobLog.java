package io.docparser.jobs;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Log lines about a job carry its {@code job_id} and the {@code request_id} of the request that submitted it as
 * fields of the JSON line, on whichever node writes them, so that one search finds a job's whole story: accepted on
 * an api node, claimed and parsed on a worker node (and what its parser process did), finished.
 */
public final class JobLog {

  static final String JOB_ID = "job_id";
  static final String REQUEST_ID = "request_id";

  private JobLog() {
  }

  public static LoggingEventBuilder info(Logger log, Job job) {
    return about(log.atInfo(), job);
  }

  public static LoggingEventBuilder warn(Logger log, Job job) {
    return about(log.atWarn(), job);
  }

  public static LoggingEventBuilder error(Logger log, Job job) {
    return about(log.atError(), job);
  }

  /**
   * Runs a blocking step (a parse) with the job's fields in the thread's MDC, so that whatever logs on this thread
   * meanwhile, the parser and its process handling included, carries them too.
   */
  static <T> T withFields(Job job, Supplier<T> step) {
    try (MDC.MDCCloseable jobId = MDC.putCloseable(JOB_ID, job.jobId());
        MDC.MDCCloseable requestId = MDC.putCloseable(REQUEST_ID, job.requestId())) {
      return step.get();
    }
  }

  private static LoggingEventBuilder about(LoggingEventBuilder line, Job job) {
    line = line.addKeyValue(JOB_ID, job.jobId());
    return job.requestId() == null ? line : line.addKeyValue(REQUEST_ID, job.requestId());
  }
}
