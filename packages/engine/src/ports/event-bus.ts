import type { TaskStatus, WorkflowStatus } from '../model/status.js';

/**
 * A change of a workflow's or a task's status, for the live event stream (`/api/events`) and metrics.
 * Emitted by the executor after the change is stored.
 */
export type ExecutionEvent =
  | {
      type: 'workflow';
      workflowId: string;
      workflowName: string;
      workflowVersion: number;
      status: WorkflowStatus;
      /** Epoch ms of the change. */
      time: number;
      parentWorkflowId?: string | null;
      reasonForIncompletion?: string | null;
      /** True on the event of a new execution (a start, not a resume or retry). */
      started?: boolean;
      /** Epoch ms the execution started (for durations). */
      startTime?: number;
    }
  | {
      type: 'task';
      workflowId: string;
      workflowName: string;
      taskId: string;
      taskType: string;
      referenceTaskName: string;
      status: TaskStatus;
      retryCount: number;
      time: number;
      workerId?: string | null;
      /** Epoch ms the task was scheduled, started (0 before) and ended (0 before), for durations. */
      scheduledTime?: number;
      startTime?: number;
      endTime?: number;
    };

/**
 * Fan-out of ExecutionEvents to every server sharing the store (in-process, Redis pub/sub or
 * Postgres LISTEN/NOTIFY). Delivery is best-effort and at most once; consumers that need the full
 * state re-read it.
 */
export interface EventBus {
  publish(events: ExecutionEvent[]): Promise<void>;
  /** Registers a listener; returns the function that removes it. */
  subscribe(listener: (event: ExecutionEvent) => void): () => void;
}
