package io.docparser.jobs;

/**
 * A document as a client handed it in, checked and decoded.
 *
 * @param bytes        the document, exactly as sent
 * @param filename     the client's name for it (metadata only, never a path); may be null
 * @param contentType  the media type the client declared; may be null
 * @param outputFormat the form the client wants the content in
 */
public record SubmittedDocument(byte[] bytes, String filename, String contentType, String outputFormat) {
}
