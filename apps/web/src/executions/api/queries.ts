/**
 * queryOptions factories of the execution monitor, over @baton/client. Server state lives here
 * only; the live event stream (useLiveExecution, useLiveList) patches or invalidates these queries.
 * @module
 */
import { keepPreviousData, queryOptions, replaceEqualDeep } from '@tanstack/react-query';
import type {
  BatonClient,
  SearchParams,
  Workflow,
  WorkflowSummary,
  SearchResult,
} from '@baton/client';
import { mergeFetched } from '../model/apply-event.js';

/** Query keys of the executions area. */
export const executionKeys = {
  all: ['executions'] as const,
  searches: ['executions', 'search'] as const,
  search: (params: SearchParams) => ['executions', 'search', params] as const,
  execution: (workflowId: string) => ['executions', 'workflow', workflowId] as const,
  taskLogs: (taskId: string) => ['executions', 'task-logs', taskId] as const,
  task: (taskId: string) => ['executions', 'task', taskId] as const,
  queues: ['executions', 'queues'] as const,
  pollData: ['executions', 'poll-data'] as const,
};

/** A page of execution summaries matching the search; the previous page stays while the next loads. */
export const executionSearchQuery = (client: BatonClient, params: SearchParams) =>
  queryOptions({
    queryKey: executionKeys.search(params),
    queryFn: (): Promise<SearchResult<WorkflowSummary>> => client.workflows.search(params),
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });

/** When each read execution was requested (Date.now()), for mergeFetched. */
const READ_STARTED = new WeakMap<Workflow, number>();

/**
 * One execution with its tasks. Live events keep it fresh, so it never goes stale by time; a re-read
 * never paints back a status the stream set after the read began (mergeFetched), and unchanged rows
 * keep their identity (replaceEqualDeep), so memoised nodes and timeline rows skip work.
 */
export const executionQuery = (client: BatonClient, workflowId: string) =>
  queryOptions({
    queryKey: executionKeys.execution(workflowId),
    queryFn: async (): Promise<Workflow> => {
      const startedAt = Date.now();
      const workflow = await client.workflows.get(workflowId, { includeTasks: true });
      READ_STARTED.set(workflow, startedAt);
      return workflow;
    },
    staleTime: Infinity,
    structuralSharing: (old: unknown, fresh: unknown) =>
      replaceEqualDeep(
        old,
        mergeFetched(
          old as Workflow | undefined,
          fresh as Workflow,
          READ_STARTED.get(fresh as Workflow),
        ),
      ),
    retry: (count, error) => count < 2 && (error as { status?: number }).status !== 404,
  });

/** A task's execution logs. */
export const taskLogsQuery = (client: BatonClient, taskId: string) =>
  queryOptions({
    queryKey: executionKeys.taskLogs(taskId),
    queryFn: () => client.tasks.getLogs(taskId),
    staleTime: 5_000,
  });

/** Pending tasks per queue. */
export const queueSizesQuery = (client: BatonClient) =>
  queryOptions({
    queryKey: executionKeys.queues,
    queryFn: () => client.tasks.allQueueSizes(),
    staleTime: 2_000,
  });

/** The last poll of every queue by every worker. */
export const pollDataQuery = (client: BatonClient) =>
  queryOptions({
    queryKey: executionKeys.pollData,
    queryFn: () => client.tasks.allPollData(),
    staleTime: 2_000,
  });
