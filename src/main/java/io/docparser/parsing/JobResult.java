package io.docparser.parsing;

import java.util.List;
import java.util.Map;

/**
 * What a completed job produced.
 *
 * @param content     the extracted content in the job's output format
 * @param metadata    the document's metadata, every key with its values
 * @param contentType the media type detected for the input
 * @param truncated   whether the content was cut at the configured bound
 */
public record JobResult(String content, Map<String, List<String>> metadata, String contentType, boolean truncated) {

  public JobResult {
    metadata = Map.copyOf(metadata);
  }
}
