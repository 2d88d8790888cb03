package io.docparser.jobs;

import io.docparser.api.OutputFormat;

/**
 * A document as a client handed it in, checked.
 *
 * @param content      the document, exactly as sent
 * @param filename     the client's name for it (metadata and a detection hint only, never a path); may be null
 * @param contentType  the media type the client declared; may be null
 * @param outputFormat the form the client wants the content in
 * @param password     the password of an encrypted document; may be null. Never logged: see {@link #toString()}
 */
public record SubmittedDocument(DocumentContent content, String filename, String contentType,
    OutputFormat outputFormat, String password) {

  @Override
  public String toString() {
    return "SubmittedDocument[" + content.size() + " bytes, filename=" + filename + ", contentType=" + contentType
        + ", outputFormat=" + outputFormat + ", password=" + (password == null ? "none" : "given") + "]";
  }
}
