/**
 * Conductor's EventHandler: when a message arrives on `event` (e.g. `conductor:<workflow>:<ref>`
 * or `nats:<subject>`) and `condition` holds, run `actions` with `${...}` resolved against the
 * message payload (docs/conductor-compatibility.md#event-handlers).
 * @module
 */

/** The action kinds Baton runs (Conductor's `start_agent` is not supported). */
export const EVENT_ACTION_TYPES = [
  'start_workflow',
  'complete_task',
  'fail_task',
  'terminate_workflow',
  'update_workflow_variables',
] as const;
export type EventActionType = (typeof EVENT_ACTION_TYPES)[number];

/** Evaluators accepted in `evaluatorType`; absent means Conductor's default JavaScript check. */
export const EVENT_EVALUATOR_TYPES = ['javascript', 'graaljs'] as const;

export interface EventStartWorkflow {
  name: string;
  version?: number;
  correlationId?: string;
  input?: Record<string, unknown>;
  taskToDomain?: Record<string, string>;
}

export interface EventTaskDetails {
  workflowId?: string;
  taskRefName?: string;
  taskId?: string;
  output?: Record<string, unknown>;
  reasonForIncompletion?: string;
}

export interface EventTerminateWorkflow {
  workflowId: string;
  terminationReason?: string;
}

export interface EventUpdateWorkflowVariables {
  workflowId: string;
  variables: Record<string, unknown>;
  appendArray?: boolean;
}

export interface EventHandlerAction {
  action: EventActionType;
  start_workflow?: EventStartWorkflow;
  complete_task?: EventTaskDetails;
  fail_task?: EventTaskDetails;
  terminate_workflow?: EventTerminateWorkflow;
  update_workflow_variables?: EventUpdateWorkflowVariables;
  expandInlineJSON?: boolean;
}

/** RETRYING: a handler failed and the message waits for its next try; FAILED: retries used up. */
export type EventExecutionStatus = 'RETRYING' | 'FAILED' | 'COMPLETED';

/**
 * What the event processor keeps of a message whose handling failed at least once: the message
 * itself (so it can be retried after a restart), the actions already done (skipped on a retry)
 * and the errors of the last try. Messages handled at the first try leave no record.
 */
export interface EventExecutionRecord {
  /** The message id (an EVENT task id for `conductor:` events). */
  id: string;
  event: string;
  payload: Record<string, unknown>;
  status: EventExecutionStatus;
  attempts: number;
  /** `<handler name>#<action index>` of the actions that ran. */
  done: string[];
  errors: Array<{ handler: string; action?: string; index?: number; message: string }>;
  /** When the next try is due (epoch ms), while RETRYING. */
  nextAttemptTime?: number;
  createTime: number;
  updateTime: number;
}

export interface EventHandler {
  name: string;
  event: string;
  condition?: string;
  evaluatorType?: string;
  actions: EventHandlerAction[];
  active?: boolean;
}
