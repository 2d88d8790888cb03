// Type-checked only, never run: the typescript-axios client generated from openapi.yaml offers the same flow as
// flow.ts drives through typescript-fetch, with typed calls for submissions in each form, status, results narrowed
// by status, content, lists, cancel, both key schemes and the operator's cluster view.
import { isAxiosError } from 'axios';
import {
  Configuration,
  ErrorCode,
  JobsApi,
  OperationsApi,
  OutputFormat,
  Status,
  type ApiError,
  type ClusterState,
  type JobPage,
  type JobPending,
  type JobResult,
  type JobStatus,
  type ResultAnswer,
  type SubmitResponse,
} from './axios-client';

export async function flow(baseUrl: string, tenantKey: string, operatorKey: string, docx: File, page: File)
  : Promise<void> {
  const jobs = new JobsApi(new Configuration({ basePath: baseUrl, accessToken: tenantKey }));
  const jobsByHeader = new JobsApi(new Configuration({ basePath: baseUrl, apiKey: tenantKey }));

  const submitted: SubmitResponse =
    (await jobs.submitDocument({ document_data: 'text', output_format: OutputFormat.Markdown })).data;
  const form: SubmitResponse = (await jobs.submitForm(docx, undefined, undefined, undefined, undefined, undefined,
    OutputFormat.Json)).data;
  const raw: SubmitResponse = (await jobsByHeader.submitRaw(page, OutputFormat.Text, 'status.html')).data;

  const status: JobStatus = (await jobs.getJobStatus(submitted.job_id, 20)).data;
  const terminal: boolean = status.status === Status.Completed || status.status === Status.Failed;

  const answer: ResultAnswer = (await jobs.getJobResult(form.job_id)).data;
  if (answer.status === 'completed') {
    const result: JobResult = answer;
    void result.result;
  } else {
    const pending: JobPending = answer;
    // @ts-expect-error a pending answer has no result: the union is narrowed at the type level
    void pending.result;
  }
  const content: string = (await jobs.getJobContent(raw.job_id)).data;

  const page1: JobPage = (await jobsByHeader.listJobs(Status.Completed, 500)).data;
  const cancelled: JobStatus = (await jobs.cancelJob(page1.jobs[0].job_id)).data;

  const operations = new OperationsApi(new Configuration({ basePath: baseUrl, apiKey: operatorKey }));
  const cluster: ClusterState = (await operations.getCluster()).data;
  const metrics: string = (await operations.getMetrics()).data;

  try {
    await new OperationsApi(new Configuration({ basePath: baseUrl, accessToken: tenantKey })).getCluster();
  } catch (e) {
    if (isAxiosError<ApiError>(e) && e.response?.status === 403) {
      const forbidden: boolean = e.response.data.error_code === ErrorCode.Forbidden;
      void forbidden;
    }
  }
  void [terminal, content, cancelled, cluster, metrics];
}
