package io.docparser;

import static io.docparser.support.GeneratedClients.awaitTerminal;
import static io.docparser.support.GeneratedClients.errorOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.client.ApiClient;
import io.docparser.client.ApiException;
import io.docparser.client.api.JobsApi;
import io.docparser.client.api.OperationsApi;
import io.docparser.client.model.ApiError;
import io.docparser.client.model.ErrorCode;
import io.docparser.client.model.Health;
import io.docparser.client.model.JobResult;
import io.docparser.client.model.JobStatus;
import io.docparser.client.model.OutputFormat;
import io.docparser.client.model.Status;
import io.docparser.client.model.SubmitRequest;
import io.docparser.support.GeneratedClients;
import io.docparser.support.ServiceProcess;
import io.docparser.support.TestDocuments;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A Java client generated from openapi.yaml, against the running jar with an API key")
class GeneratedClientIT {

  private static final String KEY = "generated-client-" + UUID.randomUUID();

  @TempDir
  static Path workDir;
  private static ServiceProcess node;
  private static ApiClient bearer;
  private static JobsApi jobs;

  @BeforeAll
  static void startNode() {
    node = ServiceProcess.start("generated-client", Map.of("DOCPARSER_API_KEYS", KEY), workDir).awaitReady();
    bearer = GeneratedClients.withBearer(node.httpPort(), KEY);
    jobs = new JobsApi(bearer);
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  @DisplayName("submits text as JSON document_data, with output_format in the body, and reads the words back as text")
  void jsonText() throws Exception {
    SubmitRequest request = new SubmitRequest().documentData("Quarterly report. Revenue grew by 12 percent.")
        .outputFormat(OutputFormat.TEXT);
    UUID id = jobs.submitDocumentWithJson(request, null, null, null, null, null).getJobId();

    JobResult result = completedResult(id);
    assertEquals(OutputFormat.TEXT, result.getOutputFormat());
    assertContains(result.getResult(), "Quarterly report.", "Revenue grew by 12 percent.");
  }

  @Test
  @DisplayName("submits a PDF as JSON document_base64 with a file name, and reads it as json (asked for in the query)")
  void jsonBase64Pdf() throws Exception {
    byte[] pdf = TestDocuments.pdf(List.of("Invoice for March", "Total due 420 euros"));
    SubmitRequest request = new SubmitRequest().documentBase64(Base64.getEncoder().encodeToString(pdf))
        .filename("invoice.pdf");
    UUID id = jobs.submitDocumentWithJson(request, OutputFormat.JSON, null, null, null, null).getJobId();

    JobResult result = completedResult(id);
    assertTrue(result.getContentType().startsWith("application/pdf"), result.getContentType());
    Map<?, ?> container = assertInstanceOf(Map.class, assertInstanceOf(List.class, result.getResult()).get(0));
    assertContains(container.get("X-TIKA:content"), "Invoice for March", "Total due 420 euros");
    assertEquals("invoice.pdf", status(id).getFilename());
  }

  @Test
  @DisplayName("uploads a DOCX to /submit/form in the part 'file', with output_format as a form field")
  void multipartDocx() throws Exception {
    File docx = write("report.docx", TestDocuments.docx());
    UUID id = jobs.submitForm(docx, null, null, null, null, null, OutputFormat.TEXT, null).getJobId();

    assertContains(completedResult(id).getResult(), "Quarterly Report", "Revenue grew in every region.", "North grew");
    assertEquals("report.docx", status(id).getFilename());
  }

  @Test
  @DisplayName("uploads raw bytes to /submit/raw, with the file name in the query")
  void octetStreamHtml() throws Exception {
    File page = write("page-bytes", TestDocuments.html());
    UUID id = jobs.submitRaw(page, OutputFormat.TEXT, "status.html", null, null, null).getJobId();

    assertContains(completedResult(id).getResult(), "Service status", "API up", "Workers up");
    assertEquals("status.html", status(id).getFilename());
  }

  @Test
  @DisplayName("lists the key's completed jobs through the X-API-Key scheme")
  void listsJobs() throws Exception {
    UUID id = submitText("a job to be listed");
    awaitTerminal(jobs, id);
    JobsApi byHeader = new JobsApi(GeneratedClients.withApiKeyHeader(node.httpPort(), KEY));

    List<JobStatus> listed = byHeader.listJobs(Status.COMPLETED, 500, null, null).getJobs();
    assertTrue(listed.stream().anyMatch(job -> job.getJobId().equals(id)), listed.toString());
    assertTrue(listed.stream().allMatch(job -> job.getStatus() == Status.COMPLETED), listed.toString());
  }

  @Test
  @DisplayName("DELETE /jobs/{job_id} deletes a finished job, which is a 404 afterwards")
  void deletesJob() throws Exception {
    UUID id = submitText("a job to be deleted");
    awaitTerminal(jobs, id);

    assertEquals(id, jobs.cancelJob(id.toString(), null).getJobId());
    assertEquals(404, assertThrows(ApiException.class, () -> status(id)).getCode());
  }

  @Test
  @DisplayName("an unknown job id is a 404 whose body reads into the ApiError model as NOT_FOUND")
  void unknownJobIsNotFound() {
    ApiException failure = assertThrows(ApiException.class, () -> status(UUID.randomUUID()));

    assertEquals(404, failure.getCode());
    ApiError error = errorOf(bearer, failure);
    assertEquals(ErrorCode.NOT_FOUND, error.getErrorCode());
    assertTrue(error.getRequestId() != null && !error.getRequestId().isBlank(), error.toString());
  }

  @Test
  @DisplayName("a submission without a document is a 400 INVALID_REQUEST that names the missing field")
  void submissionWithoutDocumentIsInvalid() {
    SubmitRequest empty = new SubmitRequest().filename("nothing.txt");
    ApiException failure = assertThrows(ApiException.class,
        () -> jobs.submitDocumentWithJson(empty, null, null, null, null, null));

    assertEquals(400, failure.getCode());
    ApiError error = errorOf(bearer, failure);
    assertEquals(ErrorCode.INVALID_REQUEST, error.getErrorCode());
    assertTrue(error.getError().contains("document_data"), error.getError());
  }

  @Test
  @DisplayName("without a key, a secured operation is a 401 UNAUTHORIZED, while health stays open")
  void withoutKeyIsUnauthorized() throws Exception {
    ApiClient anonymous = GeneratedClients.anonymous(node.httpPort());
    ApiException failure = assertThrows(ApiException.class,
        () -> new JobsApi(anonymous).listJobs(null, null, null, null));

    assertEquals(401, failure.getCode());
    assertEquals(ErrorCode.UNAUTHORIZED, errorOf(anonymous, failure).getErrorCode());
    assertEquals(Health.StatusEnum.UP, new OperationsApi(anonymous).getLiveness(null).getStatus());
  }

  private static UUID submitText(String text) throws ApiException {
    return jobs.submitDocumentWithJson(new SubmitRequest().documentData(text), null, null, null, null, null)
        .getJobId();
  }

  private static JobStatus status(UUID id) throws ApiException {
    return jobs.getJobStatus(id.toString(), null, null);
  }

  private static JobResult completedResult(UUID id) throws ApiException {
    JobStatus finished = awaitTerminal(jobs, id);
    assertEquals(Status.COMPLETED, finished.getStatus(), finished.toString());
    return assertInstanceOf(JobResult.class, jobs.getJobResultAsJson(id.toString(), null, null));
  }

  private static File write(String name, byte[] content) throws Exception {
    return Files.write(workDir.resolve(name), content).toFile();
  }

  private static void assertContains(Object content, String... words) {
    String text = assertInstanceOf(String.class, content);
    for (String word : words) {
      assertTrue(text.contains(word), "'" + word + "' is missing from: " + text);
    }
  }
}
