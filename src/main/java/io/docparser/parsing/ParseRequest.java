package io.docparser.parsing;

import io.docparser.api.OutputFormat;

/**
 * One document to parse.
 *
 * @param jobId    the job the document belongs to: names the parse in logs, and lets it be stopped
 * @param document the document's bytes, exactly as the client sent them
 * @param filename the client's file name, a hint for type detection only; may be null
 * @param format   the form the content is wanted in
 * @param password the password of an encrypted document; may be null. Never logged: see {@link #toString()}
 */
public record ParseRequest(String jobId, byte[] document, String filename, OutputFormat format, String password) {

  @Override
  public String toString() {
    return "ParseRequest[job " + jobId + ", " + document.length + " bytes, filename=" + filename + ", format="
        + format + ", password=" + (password == null ? "none" : "given") + "]";
  }
}
