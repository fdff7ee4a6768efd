/**
 * Operator actions as mutations. Each resolves once the server accepted it; the live stream then
 * repaints the graph, and the execution is re-read to pick up rows the action created or deleted.
 * @module
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BatonClient, BulkResponse, StartWorkflowRequest, Task } from '@baton/client';
import { useBatonClient } from '../../app/providers.js';
import { executionKeys } from './queries.js';

/** One operator action on one execution, with what it needs. */
export type OperationRequest =
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'terminate'; reason?: string }
  | { type: 'restart'; useLatestDefinitions: boolean }
  | { type: 'retry'; resumeSubworkflowTasks: boolean }
  | { type: 'rerun'; task: Task; taskInput: Record<string, unknown> }
  | { type: 'skip'; ref: string; taskOutput?: Record<string, unknown> }
  | { type: 'complete'; ref: string; output: Record<string, unknown> }
  | { type: 'fail'; ref: string; output: Record<string, unknown>; reason?: string };

/** Sends one operation for `workflowId` through the client. */
export async function runOperation(
  client: BatonClient,
  workflowId: string,
  op: OperationRequest,
): Promise<void> {
  const w = client.workflows;
  switch (op.type) {
    case 'pause':
      return w.pause(workflowId);
    case 'resume':
      return w.resume(workflowId);
    case 'terminate':
      return w.terminate(workflowId, op.reason);
    case 'restart':
      return w.restart(workflowId, { useLatestDefinitions: op.useLatestDefinitions });
    case 'retry':
      return w.retry(workflowId, { resumeSubworkflowTasks: op.resumeSubworkflowTasks });
    case 'rerun':
      await w.rerun(workflowId, {
        reRunFromWorkflowId: workflowId,
        reRunFromTaskId: op.task.taskId,
        taskInput: op.taskInput,
      });
      return;
    case 'skip':
      return w.skipTask(workflowId, op.ref, { taskInput: {}, taskOutput: op.taskOutput ?? {} });
    case 'complete':
      await client.tasks.updateByRef(workflowId, op.ref, 'COMPLETED', op.output, 'baton-ui');
      return;
    case 'fail':
      await client.tasks.updateByRef(
        workflowId,
        op.ref,
        'FAILED',
        { ...op.output, ...(op.reason ? { reason: op.reason } : {}) },
        'baton-ui',
      );
      return;
  }
}

/** Runs an operation on one execution and re-reads it. */
export function useOperation(workflowId: string) {
  const client = useBatonClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (op: OperationRequest) => runOperation(client, workflowId, op),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: executionKeys.execution(workflowId) });
      void qc.invalidateQueries({ queryKey: executionKeys.searches });
    },
  });
}

/** The bulk operations of the list. */
export type BulkOperation = 'pause' | 'resume' | 'terminate' | 'retry' | 'restart';

/** Runs a bulk operation on the selected executions; resolves to the per-id outcome. */
export function useBulkOperation() {
  const client = useBatonClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      op,
      ids,
      reason,
    }: {
      op: BulkOperation;
      ids: string[];
      reason?: string;
    }): Promise<BulkResponse> => {
      const w = client.workflows;
      switch (op) {
        case 'pause':
          return w.bulkPause(ids);
        case 'resume':
          return w.bulkResume(ids);
        case 'terminate':
          return w.bulkTerminate(ids, reason);
        case 'retry':
          return w.bulkRetry(ids);
        case 'restart':
          return w.bulkRestart(ids);
      }
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: executionKeys.all }),
  });
}

/** Starts a workflow; resolves to the new execution's id. */
export function useStartWorkflow() {
  const client = useBatonClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (request: StartWorkflowRequest) => client.workflows.start(request),
    onSuccess: () => void qc.invalidateQueries({ queryKey: executionKeys.searches }),
  });
}
