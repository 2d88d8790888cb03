// Drives a running node through the typescript-fetch client generated from openapi.yaml, as a team that generates
// its clients would use it: the generated API classes and models only, no hand-written request. Prints one line per
// checked step, and exits with status 1 at the first step that does not hold, naming it.
//
// Usage: node build/flow.js <base URL> <tenant key> <operator key> <a DOCX file> <an HTML file>
// The node must be fresh, with one parser slot, so that the first job is still waiting for its parser child when
// its result is read right after it was submitted.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  ApiErrorFromJSON,
  Configuration,
  ErrorCode,
  JobFailedFromJSON,
  JobsApi,
  OperationsApi,
  OutputFormat,
  ResponseError,
  Status,
  type ApiError,
  type JobPending,
  type JobResult,
  type JobStatus,
  type ResultAnswer,
} from './fetch-client';

const [baseUrl, tenantKey, operatorKey, docxPath, htmlPath] = process.argv.slice(2);
/** Long polls ask the node to answer as soon as the job ends, or after this many seconds. */
const LONG_POLL_SECONDS = 20;
/** How long a job may take to end, parser child start included. */
const JOB_DEADLINE_MS = 120_000;
const TERMINAL: ReadonlySet<Status> = new Set<Status>([Status.Completed, Status.Failed, Status.Cancelled]);

class StepFailure extends Error {}

/** The last step that held, named in the message of a failure. */
let lastStep = 'none';

function check(condition: boolean, what: string): asserts condition {
  if (!condition) {
    throw new StepFailure(what);
  }
}

function ok(step: string, detail: string): void {
  lastStep = step;
  console.log(`ok - ${step}: ${detail}`);
}

// One API object per key and scheme: bearer (accessToken) for the tenant, X-API-Key (apiKey) for the tenant's
// second client and for the operator, and one without any key.
const tenantBearer = new Configuration({ basePath: baseUrl, accessToken: tenantKey });
const tenantHeader = new Configuration({ basePath: baseUrl, apiKey: tenantKey });
const operatorHeader = new Configuration({ basePath: baseUrl, apiKey: operatorKey });
const jobs = new JobsApi(tenantBearer);
const jobsByHeader = new JobsApi(tenantHeader);

/** The answer of a call that must fail with `status`, as the generated client's ResponseError carries it. */
async function refused(status: number, call: () => Promise<unknown>): Promise<Response> {
  try {
    await call();
  } catch (e) {
    if (e instanceof ResponseError) {
      if (e.response.status !== status) {
        throw new StepFailure(`expected HTTP ${status}, got ${e.response.status}: ${await e.response.text()}`);
      }
      return e.response;
    }
    throw e;
  }
  throw new StepFailure(`expected HTTP ${status}, but the call succeeded`);
}

/** A refusal's body, read into the generated ApiError model. */
async function apiError(status: number, code: ErrorCode, call: () => Promise<unknown>): Promise<ApiError> {
  const error = ApiErrorFromJSON(await (await refused(status, call)).json());
  check(error.errorCode === code, `expected error_code ${code}, got ${JSON.stringify(error)}`);
  check(typeof error.requestId === 'string' && error.requestId.length > 0, `no request_id in ${JSON.stringify(error)}`);
  return error;
}

/** Long-polls the job's status until it is terminal. */
async function awaitTerminal(jobId: string): Promise<JobStatus> {
  const deadline = Date.now() + JOB_DEADLINE_MS;
  let polls = 0;
  for (;;) {
    const status = await jobs.getJobStatus({ jobId, wait: LONG_POLL_SECONDS });
    polls++;
    if (TERMINAL.has(status.status)) {
      ok('long-poll getJobStatus', `job ${jobId} ${status.status} after ${polls} poll(s)`);
      return status;
    }
    check(Date.now() < deadline, `job ${jobId} still ${status.status} after ${JOB_DEADLINE_MS} ms`);
  }
}

/** The result of a completed job, narrowed by its status from the ResultAnswer union to a JobResult. */
async function completedResult(jobId: string, format: OutputFormat): Promise<JobResult> {
  const answer = await jobs.getJobResultRaw({ jobId });
  check(answer.raw.status === 200, `a completed job's result answered HTTP ${answer.raw.status}`);
  const body: ResultAnswer = await answer.value();
  if (body.status !== 'completed') {
    throw new StepFailure(`a completed job's result came back as ${body.status}: ${body.message}`);
  }
  const result: JobResult = body;
  check(result.jobId === jobId && result.outputFormat === format, `unexpected result ${JSON.stringify(result)}`);
  ok('getJobResult completed', `HTTP 200 typed as JobResult, ${format}, content type ${result.contentType}`);
  return result;
}

function contains(text: unknown, ...words: string[]): void {
  check(typeof text === 'string', `expected text, got ${JSON.stringify(text)}`);
  for (const word of words) {
    check(text.includes(word), `'${word}' is missing from: ${text}`);
  }
}

async function main(): Promise<void> {
  check(process.argv.length === 7,
    'usage: node build/flow.js <base URL> <tenant key> <operator key> <a DOCX file> <an HTML file>');
  await readFormats();
  const markdownJob = await submitJsonAndReadItPending();
  const deletedJob = await cancelReadAndDelete();
  const jsonJob = await submitDocxAsForm();
  const textJob = await submitHtmlAsRaw();
  for (const jobId of [markdownJob, jsonJob, textJob]) {
    const status = await awaitTerminal(jobId);
    check(status.status === Status.Completed, `job ${jobId} ended ${status.status}: ${status.error}`);
  }
  await readMarkdown(markdownJob);
  await readJson(jsonJob);
  await readText(textJob);
  await listCompleted([markdownJob, jsonJob, textJob], deletedJob);
  await deleteCompleted(textJob);
  await readRefusals();
  await useOperatorKey();
}

async function readFormats(): Promise<void> {
  const formats = await jobs.getFormats();
  check(formats.output.includes(OutputFormat.Markdown) && formats.output.includes(OutputFormat.Json),
    `output formats ${formats.output}`);
  check(formats.input.includes('application/pdf'), `input formats ${formats.input}`);
  ok('getFormats', `${formats.input.length} input types, output ${formats.output.join(', ')}`);
}

/** HTML as JSON document_data, with output_format in the body; its result read at once, while it is pending. */
async function submitJsonAndReadItPending(): Promise<string> {
  const html = '<html><head><title>Report</title></head><body><h1>Quarterly report</h1>'
    + '<p>Revenue grew by <b>12 percent</b>.</p><ul><li>North</li><li>South</li></ul></body></html>';
  const submitted = await jobs.submitDocument({
    submitRequest: { documentData: html, filename: 'report.html', outputFormat: OutputFormat.Markdown },
  });
  check(submitted.status === Status.Queued, `a new job is ${submitted.status}`);
  ok('submitDocument (JSON, bearer)', `job ${submitted.jobId} ${submitted.status}`);

  // The node's only parser slot is still starting its child JVM: 202, narrowed to a JobPending.
  const early = await jobs.getJobResultRaw({ jobId: submitted.jobId });
  const body: ResultAnswer = await early.value();
  if (body.status === 'completed') {
    throw new StepFailure('the result was read right after submitting, yet the job had already completed');
  }
  const pending: JobPending = body;
  // @ts-expect-error a pending answer has no result: the union is narrowed at the type level
  void pending.result;
  check(early.raw.status === 202, `a pending result answered HTTP ${early.raw.status}`);
  check(early.raw.headers.get('Retry-After') !== null, 'a pending result has no Retry-After');
  ok('getJobResult pending', `HTTP 202 typed as JobPending (${pending.status}): ${pending.message}`);
  return submitted.jobId;
}

/** A job cancelled while it waits behind the first; its result is a 409 JobFailed; deleted, it is a 404. */
async function cancelReadAndDelete(): Promise<string> {
  const { jobId } = await jobs.submitDocument({ submitRequest: { documentData: 'a job to be cancelled' } });
  const cancelled = await jobs.cancelJob({ jobId });
  check(cancelled.status === Status.Cancelled, `a cancelled job is ${cancelled.status}`);
  ok('cancelJob', `job ${jobId} ${cancelled.status}`);

  const conflict = await refused(409, () => jobs.getJobResult({ jobId }));
  const noResult = JobFailedFromJSON(await conflict.json());
  check(noResult.status === 'cancelled' && noResult.errorCode === ErrorCode.Cancelled,
    `a cancelled job's result: ${JSON.stringify(noResult)}`);
  ok('getJobResult cancelled', `HTTP 409 read as JobFailed, ${noResult.errorCode}`);

  const deleted = await jobs.cancelJob({ jobId });
  check(deleted.status === Status.Cancelled, `the deleted job was ${deleted.status}`);
  const gone = await apiError(404, ErrorCode.NotFound,
    () => jobs.getJobStatus({ jobId, xRequestId: 'ts-client-gone' }));
  check(gone.requestId === 'ts-client-gone', `the error's request_id is ${gone.requestId}`);
  ok('cancelJob deletes', `then getJobStatus is HTTP 404 ${gone.errorCode}, request_id ${gone.requestId}`);
  return jobId;
}

/** A DOCX in the multipart part 'file', with output_format as a form field, the one place /submit/form takes it. */
async function submitDocxAsForm(): Promise<string> {
  const docx = new File([readFileSync(docxPath)], basename(docxPath),
    { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
  const { jobId } = await jobs.submitForm({ file: docx, outputFormat: OutputFormat.Json });
  ok('submitForm (multipart, bearer)', `job ${jobId} for ${docx.name}, output_format as a form field`);
  return jobId;
}

/** Raw bytes, with the file name and output format in the query, through the X-API-Key scheme. */
async function submitHtmlAsRaw(): Promise<string> {
  const page = new Blob([readFileSync(htmlPath)]);
  const { jobId } = await jobsByHeader.submitRaw({
    body: page, filename: 'status.html', outputFormat: OutputFormat.Text,
  });
  ok('submitRaw (octet-stream, X-API-Key)', `job ${jobId}, filename in the query`);
  return jobId;
}

async function readMarkdown(jobId: string): Promise<void> {
  const markdown = await completedResult(jobId, OutputFormat.Markdown);
  contains(markdown.result, '# Quarterly report', 'Revenue grew by');
  const content = await jobs.getJobContentRaw({ jobId });
  const type = content.raw.headers.get('Content-Type');
  check(type?.startsWith('text/markdown') === true, `markdown content type ${type}`);
  const text = await content.value();
  check(text === markdown.result, 'the markdown content differs from the result');
  ok('getJobContent markdown', `${type}, ${text.length} characters`);
}

async function readJson(jobId: string): Promise<void> {
  checkJsonDocuments((await completedResult(jobId, OutputFormat.Json)).result);
  const content = await jobs.getJobContentRaw({ jobId });
  const type = content.raw.headers.get('Content-Type');
  check(type?.startsWith('application/json') === true, `json content type ${type}`);
  // The generator types this operation's answer as a string (its first media type); for json output its runtime
  // parses the body, so the value is the JsonDocuments array.
  const documents: unknown = await content.value();
  ok('getJobContent json', `${type}, ${checkJsonDocuments(documents)} document(s)`);
}

async function readText(jobId: string): Promise<void> {
  contains((await completedResult(jobId, OutputFormat.Text)).result, 'Service status', 'API up');
  const status = await jobsByHeader.getJobStatus({ jobId });
  check(status.filename === 'status.html', `the raw upload's file name is ${status.filename}`);
  ok('getJobStatus (X-API-Key)', `filename ${status.filename}, ${status.sizeBytes} bytes`);
}

async function listCompleted(completed: string[], deleted: string): Promise<void> {
  const page = await jobsByHeader.listJobs({ status: Status.Completed, limit: 500 });
  const listed = new Set(page.jobs.map((job) => job.jobId));
  for (const jobId of completed) {
    check(listed.has(jobId), `completed job ${jobId} is not listed`);
  }
  check(page.jobs.every((job) => job.status === Status.Completed), 'the list holds a job that is not completed');
  check(!listed.has(deleted), 'the deleted job is listed');
  ok('listJobs status=completed (X-API-Key)', `${page.jobs.length} job(s), all completed`);
}

async function deleteCompleted(jobId: string): Promise<void> {
  const removed = await jobs.cancelJob({ jobId });
  check(removed.status === Status.Completed, `the deleted job was ${removed.status}`);
  await apiError(404, ErrorCode.NotFound, () => jobs.getJobResult({ jobId }));
  ok('cancelJob on a completed job', 'deleted; its result is HTTP 404 NOT_FOUND');
}

async function readRefusals(): Promise<void> {
  const anonymous = new JobsApi(new Configuration({ basePath: baseUrl }));
  const unauthorized = await apiError(401, ErrorCode.Unauthorized, () => anonymous.listJobs());
  ok('no key', `HTTP 401 ${unauthorized.errorCode}: ${unauthorized.error}`);

  const invalid = await apiError(400, ErrorCode.InvalidRequest,
    () => jobs.submitDocument({ submitRequest: { filename: 'nothing.txt' } }));
  check(invalid.error.includes('document_data'), `the 400 does not name the missing field: ${invalid.error}`);
  ok('submitDocument without a document', `HTTP 400 ${invalid.errorCode}: ${invalid.error}`);
}

/** The operator's operations take the operator key only, and the job operations refuse it. */
async function useOperatorKey(): Promise<void> {
  const operations = new OperationsApi(operatorHeader);
  const cluster = await operations.getCluster();
  check(cluster.nodes.length >= 1 && cluster.nodes.every((node) => node.roles.length > 0),
    `cluster nodes ${JSON.stringify(cluster.nodes)}`);
  ok('getCluster (operator key, X-API-Key)',
    `${cluster.nodes.length} node(s), queue depth ${cluster.queueDepth}, jobs ${JSON.stringify(cluster.jobs)}`);
  const metrics = await operations.getMetrics();
  contains(metrics, 'docparser_jobs_submitted_total');
  ok('getMetrics (operator key)', `${metrics.split('\n').length} lines of Prometheus text`);

  const tenantOnCluster = await apiError(403, ErrorCode.Forbidden, () => new OperationsApi(tenantBearer).getCluster());
  ok('getCluster (tenant key)', `HTTP 403 ${tenantOnCluster.errorCode}: ${tenantOnCluster.error}`);
  const operatorOnJobs = await apiError(403, ErrorCode.Forbidden, () => new JobsApi(operatorHeader).listJobs());
  ok('listJobs (operator key)', `HTTP 403 ${operatorOnJobs.errorCode}`);
}

/** The json output: the container first, whose content holds the DOCX's words. Answers how many documents. */
function checkJsonDocuments(value: unknown): number {
  check(Array.isArray(value) && value.length >= 1, `json output is not a non-empty array: ${JSON.stringify(value)}`);
  const container: unknown = value[0];
  check(typeof container === 'object' && container !== null, `the container is ${JSON.stringify(container)}`);
  const content = (container as Record<string, unknown>)['X-TIKA:content'];
  contains(content, 'Quarterly Report', 'Revenue grew in every region.');
  return value.length;
}

main().then(
  () => console.log('flow complete'),
  async (failure: unknown) => {
    const message = failure instanceof ResponseError
      ? `HTTP ${failure.response.status} from ${failure.response.url}: ${await failure.response.text()}`
      : failure instanceof Error ? failure.stack ?? failure.message : String(failure);
    console.error(`FAILED after step '${lastStep}': ${message}`);
    process.exit(1);
  });
