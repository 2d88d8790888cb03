package io.docparser.http;

import io.docparser.jobs.DocumentContent;
import io.docparser.jobs.SubmittedDocument;
import io.vertx.core.MultiMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A multipart/form-data submission, as {@link MultipartUpload} received it: the document in the part {@code file}
 * (in a temp file, deleted when the request ends), the options as form fields.
 */
final class MultipartSubmission {

  private static final List<String> FIELDS = List.of(SubmitOptions.OUTPUT_FORMAT, SubmitOptions.FILENAME,
      SubmitOptions.CONTENT_TYPE, SubmitOptions.PASSWORD);
  private static final String GENERIC_PART_TYPE = "application/octet-stream";

  private final long maxDocumentBytes;

  MultipartSubmission(long maxDocumentBytes) {
    this.maxDocumentBytes = maxDocumentBytes;
  }

  SubmittedDocument parse(MultipartUpload.Form form, MultiMap query, MultiMap headers) {
    MultipartUpload.FilePart file = form.file();
    if (file == null) {
      throw SubmitOptions.invalid("the form has no '" + MultipartUpload.FILE_PART + "' part holding the document");
    }
    Map<String, String> fields = formFields(form.fields());
    fields.putIfAbsent(SubmitOptions.FILENAME, emptyToNull(file.filename()));
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
    return new SubmittedDocument(new DocumentContent.InFile(file.path(), file.size()), options.filename(),
        options.contentType(), options.outputFormat(), options.password());
  }

  private static Map<String, String> formFields(MultiMap form) {
    Map<String, String> fields = new HashMap<>();
    for (String name : form.names()) {
      if (!FIELDS.contains(name)) {
        throw SubmitOptions.invalid("unknown form field " + SubmitOptions.quoted(name) + "; /submit takes the part '"
            + MultipartUpload.FILE_PART + "' and the fields: " + String.join(", ", FIELDS));
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
