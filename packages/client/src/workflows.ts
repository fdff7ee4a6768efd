/**
 * `/api/workflow`: start, read, control, search and bulk operations on executions.
 * @module
 */
import type { HttpTransport } from './http.js';
import { path } from './http.js';
import type {
  BulkResponse,
  ExecuteOptions,
  SignalResponse,
  WorkflowTestRequest,
  RerunWorkflowRequest,
  SearchParams,
  SearchResult,
  SkipTaskRequest,
  StartWorkflowRequest,
  Workflow,
  WorkflowStatusSummary,
  WorkflowSummary,
} from './types.js';

/** Operations on workflow executions. Unknown ids fail with BatonApiError WORKFLOW_NOT_FOUND (404). */
export class WorkflowsApi {
  constructor(private readonly http: HttpTransport) {}

  /** Starts a workflow; resolves to its id (the first decide has already run). */
  start(request: StartWorkflowRequest): Promise<string> {
    return this.http.text({ method: 'POST', path: '/workflow', body: request });
  }

  /** Starts the latest (or given) version of `name` with `input`; resolves to the id. */
  startByName(
    name: string,
    input: Record<string, unknown> = {},
    options: { version?: number; correlationId?: string; priority?: number } = {},
  ): Promise<string> {
    return this.http.text({
      method: 'POST',
      path: path`/workflow/${name}`,
      query: {
        version: options.version,
        correlationId: options.correlationId,
        priority: options.priority,
      },
      body: input,
    });
  }

  /**
   * Starts `name` (version 0: the latest) and waits until it ends, blocks or `waitForSeconds` pass;
   * null when a task strategy found no blocking task.
   */
  execute(
    name: string,
    version: number,
    request: Omit<StartWorkflowRequest, 'name'> & { name?: string } = {},
    options: ExecuteOptions = {},
  ): Promise<SignalResponse | null> {
    const refs = options.waitUntilTaskRef;
    return this.http.jsonOrNull({
      method: 'POST',
      path: path`/workflow/execute/${name}/${version}`,
      query: {
        requestId: options.requestId,
        waitUntilTaskRef: typeof refs === 'string' ? refs : refs?.join(','),
        waitForSeconds: options.waitForSeconds,
        returnStrategy: options.returnStrategy,
        consistency: options.consistency,
      },
      body: request,
    });
  }

  /** Runs `request.name` with mocked task results; no worker gets its tasks. */
  test(request: WorkflowTestRequest): Promise<Workflow> {
    return this.http.json({ method: 'POST', path: '/workflow/test', body: request });
  }

  /** The execution, with its tasks unless `includeTasks` is false. */
  get(workflowId: string, options: { includeTasks?: boolean } = {}): Promise<Workflow> {
    return this.http.json({
      method: 'GET',
      path: path`/workflow/${workflowId}`,
      query: { includeTasks: options.includeTasks },
    });
  }

  /** Status (and optionally output and variables) without the tasks. */
  getStatus(
    workflowId: string,
    options: { includeOutput?: boolean; includeVariables?: boolean } = {},
  ): Promise<WorkflowStatusSummary> {
    return this.http.json({
      method: 'GET',
      path: path`/workflow/${workflowId}/status`,
      query: { includeOutput: options.includeOutput, includeVariables: options.includeVariables },
    });
  }

  pause(workflowId: string): Promise<void> {
    return this.http.void({ method: 'PUT', path: path`/workflow/${workflowId}/pause` });
  }

  resume(workflowId: string): Promise<void> {
    return this.http.void({ method: 'PUT', path: path`/workflow/${workflowId}/resume` });
  }

  terminate(workflowId: string, reason?: string): Promise<void> {
    return this.http.void({
      method: 'DELETE',
      path: path`/workflow/${workflowId}`,
      query: { reason },
    });
  }

  restart(workflowId: string, options: { useLatestDefinitions?: boolean } = {}): Promise<void> {
    return this.http.void({
      method: 'POST',
      path: path`/workflow/${workflowId}/restart`,
      query: { useLatestDefinitions: options.useLatestDefinitions },
    });
  }

  retry(workflowId: string, options: { resumeSubworkflowTasks?: boolean } = {}): Promise<void> {
    return this.http.void({
      method: 'POST',
      path: path`/workflow/${workflowId}/retry`,
      query: { resumeSubworkflowTasks: options.resumeSubworkflowTasks },
    });
  }

  /** Reruns from a task (or from the start); resolves to the (same) workflow id. */
  rerun(workflowId: string, request: RerunWorkflowRequest = {}): Promise<string> {
    return this.http.text({
      method: 'POST',
      path: path`/workflow/${workflowId}/rerun`,
      body: request,
    });
  }

  skipTask(
    workflowId: string,
    taskReferenceName: string,
    request?: SkipTaskRequest,
  ): Promise<void> {
    return this.http.void({
      method: 'PUT',
      path: path`/workflow/${workflowId}/skiptask/${taskReferenceName}`,
      body: request,
    });
  }

  /** Deletes the execution and its tasks. */
  remove(workflowId: string): Promise<void> {
    return this.http.void({ method: 'DELETE', path: path`/workflow/${workflowId}/remove` });
  }

  resetCallbacks(workflowId: string): Promise<void> {
    return this.http.void({ method: 'POST', path: path`/workflow/${workflowId}/resetcallbacks` });
  }

  /** Runs the decider now. */
  decide(workflowId: string): Promise<void> {
    return this.http.void({ method: 'PUT', path: path`/workflow/decide/${workflowId}` });
  }

  /** Summaries matching the search (times are ISO strings). */
  search(params: SearchParams = {}): Promise<SearchResult<WorkflowSummary>> {
    return this.http.json({
      method: 'GET',
      path: '/workflow/search',
      query: toSearchQuery(params),
    });
  }

  /** Full executions matching the search. */
  searchV2(params: SearchParams = {}): Promise<SearchResult<Workflow>> {
    return this.http.json({
      method: 'GET',
      path: '/workflow/search-v2',
      query: toSearchQuery(params),
    });
  }

  /** Ids of RUNNING executions of `name`; the server's default version is 1, not the latest. */
  running(
    name: string,
    version?: number,
    options: { startTime?: number; endTime?: number } = {},
  ): Promise<string[]> {
    return this.http.json({
      method: 'GET',
      path: path`/workflow/running/${name}`,
      query: { version, startTime: options.startTime, endTime: options.endTime },
    });
  }

  /** Executions of `name` with that correlation id (only RUNNING ones unless `includeClosed`). */
  byCorrelationId(
    name: string,
    correlationId: string,
    options: { includeClosed?: boolean; includeTasks?: boolean } = {},
  ): Promise<Workflow[]> {
    return this.http.json({
      method: 'GET',
      path: path`/workflow/${name}/correlated/${correlationId}`,
      query: { includeClosed: options.includeClosed, includeTasks: options.includeTasks },
    });
  }

  bulkPause(workflowIds: string[]): Promise<BulkResponse<string>> {
    return this.http.json({ method: 'PUT', path: '/workflow/bulk/pause', body: workflowIds });
  }

  bulkResume(workflowIds: string[]): Promise<BulkResponse<string>> {
    return this.http.json({ method: 'PUT', path: '/workflow/bulk/resume', body: workflowIds });
  }

  bulkTerminate(workflowIds: string[], reason?: string): Promise<BulkResponse<string>> {
    return this.http.json({
      method: 'POST',
      path: '/workflow/bulk/terminate',
      query: { reason },
      body: workflowIds,
    });
  }

  bulkRestart(
    workflowIds: string[],
    options: { useLatestDefinitions?: boolean } = {},
  ): Promise<BulkResponse<string>> {
    return this.http.json({
      method: 'POST',
      path: '/workflow/bulk/restart',
      query: { useLatestDefinitions: options.useLatestDefinitions },
      body: workflowIds,
    });
  }

  bulkRetry(workflowIds: string[]): Promise<BulkResponse<string>> {
    return this.http.json({ method: 'POST', path: '/workflow/bulk/retry', body: workflowIds });
  }

  /** Terminates the running and paused ones, then removes every one. */
  bulkTerminateRemove(
    workflowIds: string[],
    options: { reason?: string; archiveWorkflow?: boolean } = {},
  ): Promise<BulkResponse<string>> {
    return this.http.json({
      method: 'DELETE',
      path: '/workflow/bulk/terminate-remove',
      query: { reason: options.reason, archiveWorkflow: options.archiveWorkflow },
      body: workflowIds,
    });
  }

  /** Reads executions by id (with their tasks unless `includeTasks` is false). */
  bulkSearch(
    workflowIds: string[],
    options: { includeTasks?: boolean } = {},
  ): Promise<BulkResponse<Workflow>> {
    return this.http.json({
      method: 'POST',
      path: '/workflow/bulk/search',
      query: { includeTasks: options.includeTasks },
      body: workflowIds,
    });
  }
}

/** The query string of the search endpoints. */
export function toSearchQuery(params: SearchParams) {
  const sort = typeof params.sort === 'string' ? params.sort : params.sort?.join('|');
  return {
    start: params.start,
    size: params.size,
    sort: sort === '' ? undefined : sort,
    freeText: params.freeText,
    query: params.query,
  };
}
