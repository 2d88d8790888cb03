package io.docparser.http;

import io.docparser.api.OutputFormat;
import io.docparser.jobs.Job;
import io.docparser.parsing.JobResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** The JSON bodies clients see for a job, as openapi.yaml defines them. */
final class JobViews {

  private JobViews() {
  }

  static JsonObject accepted(Job job) {
    return new JsonObject()
        .put("job_id", job.jobId())
        .put("status", job.status().wireName())
        .put("message", "Document accepted; poll " + statusPath(job));
  }

  static JsonObject status(Job job) {
    JsonObject view = new JsonObject()
        .put("job_id", job.jobId())
        .put("status", job.status().wireName());
    if (job.errorCode() != null) {
      view.put("error", job.error()).put("error_code", job.errorCode().name());
    }
    return view
        .put("created_at", text(job.createdAt()))
        .put("started_at", text(job.startedAt()))
        .put("finished_at", text(job.finishedAt()))
        .put("attempts", job.attempts())
        .put("node", job.node())
        .put("filename", job.filename())
        .put("content_type", job.contentType())
        .put("size_bytes", job.sizeBytes())
        .put("sha256", job.sha256())
        .put("output_format", job.outputFormat());
  }

  static JsonObject result(Job job, JobResult result) {
    JsonObject metadata = new JsonObject();
    result.metadata().forEach((key, values) -> metadata.put(key, new JsonArray(values)));
    return new JsonObject()
        .put("job_id", job.jobId())
        .put("status", job.status().wireName())
        .put("output_format", job.outputFormat())
        .put("content_type", result.contentType())
        .put("result", format(job) == OutputFormat.JSON ? new JsonArray(result.content()) : result.content())
        .put("metadata", metadata)
        .put("truncated", result.truncated());
  }

  /** A page of GET /jobs; the cursor of the next page is the last job's id, when the page is full. */
  static JsonObject page(List<Job> jobs, int limit) {
    JsonArray statuses = new JsonArray();
    jobs.forEach(job -> statuses.add(status(job)));
    String next = jobs.size() == limit ? jobs.get(jobs.size() - 1).jobId() : null;
    return new JsonObject().put("jobs", statuses).put("next_cursor", next);
  }

  static JsonObject pending(Job job) {
    return new JsonObject()
        .put("job_id", job.jobId())
        .put("status", job.status().wireName())
        .put("message", "The job is " + job.status().wireName() + "; try again shortly.");
  }

  static JsonObject unavailable(Job job, String requestId) {
    return new JsonObject()
        .put("job_id", job.jobId())
        .put("status", job.status().wireName())
        .put("message", "The job " + job.status().wireName() + "; it has no result.")
        .put("error", job.error())
        .put("error_code", job.errorCode() == null ? null : job.errorCode().name())
        .put("request_id", requestId);
  }

  static OutputFormat format(Job job) {
    return OutputFormat.fromWireName(job.outputFormat()).orElse(OutputFormat.TEXT);
  }

  static String statusPath(Job job) {
    return "/status/" + job.jobId();
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
