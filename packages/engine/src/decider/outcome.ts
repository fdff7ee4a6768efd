/**
 * What one decide pass produces: a plain value the executor applies (Conductor's DeciderOutcome).
 * @module
 */
import type { Task } from '../model/task.js';
import type { Workflow } from '../model/workflow.js';

/** Everything a decide pass needs besides the workflow: time, ids and `${...}` resolution. */
export interface DecideContext {
  /** Epoch ms of this pass. */
  now: number;
  /** Most branches a dynamic fork may create; more fail the workflow (absent: no limit). */
  maxDynamicForkBranches?: number;
  newId(): string;
  /** Resolves a task's input parameters (plus TaskDef template) against the workflow. */
  resolveInput(
    params: Record<string, unknown> | undefined,
    workflow: Workflow,
    task: Pick<Task, 'taskId' | 'taskDefinition'>,
  ): Record<string, unknown>;
  /** Resolves any `${...}` value (workflow output, sub-workflow params, sinks) against the workflow. */
  resolveValue(value: unknown, workflow: Workflow): unknown;
}

/** Work a sync system task needs from a port (evaluator, jq, event sink) before it can finish. */
export type SystemAction =
  | {
      type: 'script';
      taskId: string;
      purpose: 'switch' | 'decision' | 'inline' | 'lambda' | 'loop';
      expression: string;
      input: Record<string, unknown>;
    }
  | { type: 'jq'; taskId: string; query: string; input: unknown }
  | { type: 'publish'; taskId: string; sink: string; payload: Record<string, unknown> };

/** What a port returned for a SystemAction. */
export type ActionResult = { type: 'ok'; value: unknown } | { type: 'error'; message: string };

/** A workflow-ending status the decider can produce. */
export type EndStatus = 'COMPLETED' | 'FAILED' | 'TIMED_OUT' | 'TERMINATED';

export type Outcome =
  | {
      /** The workflow keeps going; `actions` must run before the next pass. */
      type: 'continue';
      upserts: Task[];
      actions: SystemAction[];
      variables?: Record<string, unknown>;
    }
  | {
      /** The workflow ends with `status`; non-terminal tasks are already CANCELED in `upserts`. */
      type: 'end';
      status: EndStatus;
      upserts: Task[];
      output: Record<string, unknown>;
      reason?: string;
      failedTaskId?: string;
      variables?: Record<string, unknown>;
      /** FAILED/TIMED_OUT/TERMINATED reached by the decider (not the API) start the failureWorkflow. */
      startFailureWorkflow: boolean;
    };

/** Thrown inside the decider to end the workflow; caught by `decide`. */
export class TerminateSignal {
  constructor(
    readonly status: Exclude<EndStatus, 'COMPLETED'>,
    readonly reason: string,
    readonly failedTaskId?: string,
  ) {}
}
