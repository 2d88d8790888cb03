package io.docparser.http;

import io.docparser.jobs.DocumentContent;
import io.docparser.jobs.SubmittedDocument;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.FileUpload;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A multipart/form-data submission: the document in the part {@code file} (streamed to a temp file by the body
 * handler, deleted when the request ends), the options as form fields.
 */
final class MultipartSubmission {

  static final String FILE_PART = "file";
  private static final List<String> FIELDS = List.of(SubmitOptions.OUTPUT_FORMAT, SubmitOptions.FILENAME,
      SubmitOptions.CONTENT_TYPE, SubmitOptions.PASSWORD);
  private static final String GENERIC_PART_TYPE = "application/octet-stream";

  private final long maxDocumentBytes;

  MultipartSubmission(long maxDocumentBytes) {
    this.maxDocumentBytes = maxDocumentBytes;
  }

  SubmittedDocument parse(List<FileUpload> uploads, MultiMap form, MultiMap query, MultiMap headers) {
    FileUpload file = onlyFile(uploads);
    Map<String, String> fields = formFields(form);
    fields.putIfAbsent(SubmitOptions.FILENAME, emptyToNull(file.fileName()));
    if (file.contentType() != null && !file.contentType().startsWith(GENERIC_PART_TYPE)) {
      fields.putIfAbsent(SubmitOptions.CONTENT_TYPE, file.contentType());
    }
    SubmitOptions.Options options = SubmitOptions.resolve(fields, query, headers);
    if (file.size() == 0) {
      throw SubmitOptions.empty();
    }
    if (file.size() > maxDocumentBytes) {
      throw SubmitOptions.tooLarge(file.size(), maxDocumentBytes);
    }
    return new SubmittedDocument(new DocumentContent.InFile(Path.of(file.uploadedFileName()), file.size()),
        options.filename(), options.contentType(), options.outputFormat(), options.password());
  }

  private static FileUpload onlyFile(List<FileUpload> uploads) {
    for (FileUpload upload : uploads) {
      if (!upload.name().equals(FILE_PART)) {
        throw SubmitOptions.invalid("unknown file part " + SubmitOptions.quoted(upload.name())
            + "; send the document in the part '" + FILE_PART + "'");
      }
    }
    if (uploads.size() != 1) {
      throw SubmitOptions.invalid(uploads.isEmpty()
          ? "the form has no '" + FILE_PART + "' part holding the document"
          : "the form has " + uploads.size() + " '" + FILE_PART + "' parts; send one document per request");
    }
    return uploads.get(0);
  }

  private static Map<String, String> formFields(MultiMap form) {
    Map<String, String> fields = new HashMap<>();
    for (String name : form.names()) {
      if (!FIELDS.contains(name)) {
        throw SubmitOptions.invalid("unknown form field " + SubmitOptions.quoted(name) + "; /submit takes the part '"
            + FILE_PART + "' and the fields: " + String.join(", ", FIELDS));
      }
      if (form.getAll(name).size() > 1) {
        throw SubmitOptions.invalid("form field " + SubmitOptions.quoted(name) + " is given more than once");
      }
      fields.put(name, form.get(name));
    }
    return fields;
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
