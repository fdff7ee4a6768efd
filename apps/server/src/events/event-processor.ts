/**
 * Runs the event handlers of one message (docs/conductor-compatibility.md#event-handlers), as
 * Conductor's DefaultEventProcessor and SimpleActionProcessor do: every active handler whose
 * `event` is the message's event and whose `condition` holds runs its actions, with `${...}`
 * resolved against the payload. A failure is recorded (status RETRYING with the next try's time,
 * FAILED once the tries are used up); a retry skips the actions that already ran, and a start is
 * keyed by (message, handler, action) so a redelivered message never starts a workflow twice.
 * @module
 */
import { resolveWithDocument } from '@baton/engine';
import type {
  EventExecutionRecord,
  EventHandler,
  EventHandlerAction,
  EventHandlerStore,
  ScriptEvaluator,
  WorkflowExecutor,
} from '@baton/engine';

/** Tries of one message before it is given up (status FAILED, kept visible). */
export const EVENT_MAX_ATTEMPTS = 8;
/** Delay before the n-th retry: 1 s doubling, at most 5 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(300_000, 1_000 * 2 ** Math.max(0, attempts - 1));
}

export interface EventProcessorDeps {
  executor: WorkflowExecutor;
  handlers: EventHandlerStore;
  evaluator: ScriptEvaluator;
  now: () => number;
  log: { warn(obj: unknown, msg?: string): void };
  /** Called once per failed action or condition (for the metric). */
  onFailure?: (event: string, handler: string) => void;
}

export interface EventMessage {
  id: string;
  event: string;
  payload: Record<string, unknown>;
}

/** What became of a message: handled (ack it), retry after `delayMs`, or given up (ack it). */
export type EventOutcome =
  { type: 'done' } | { type: 'retry'; delayMs: number } | { type: 'failed' };

/** Conductor's ScriptEvaluator.toBoolean: true, or a number above zero. */
export function conditionHolds(value: unknown): boolean {
  return value === true || (typeof value === 'number' && value > 0);
}

/** Handles one message; `previous` is its record from an earlier failed try, if any. */
export async function processEvent(
  deps: EventProcessorDeps,
  message: EventMessage,
  previous: EventExecutionRecord | null,
): Promise<EventOutcome> {
  const done = new Set(previous?.done ?? []);
  const errors: EventExecutionRecord['errors'] = [];
  const handlers = await deps.handlers.listEventHandlersForEvent(message.event, true);
  for (const handler of handlers) {
    let holds: boolean;
    try {
      holds = await evaluateCondition(deps, handler, message.payload);
    } catch (e) {
      errors.push({ handler: handler.name, message: `condition: ${errorMessage(e)}` });
      deps.onFailure?.(message.event, handler.name);
      continue;
    }
    if (!holds) continue;
    for (const [index, action] of handler.actions.entries()) {
      const key = `${handler.name}#${index}`;
      if (done.has(key)) continue;
      try {
        await runAction(deps, action, message, key);
        done.add(key);
      } catch (e) {
        errors.push({
          handler: handler.name,
          action: action.action,
          index,
          message: errorMessage(e),
        });
        deps.onFailure?.(message.event, handler.name);
      }
    }
  }
  if (errors.length === 0) {
    if (previous)
      await save(deps, message, previous, 'COMPLETED', [...done], [], previous.attempts + 1);
    return { type: 'done' };
  }
  const attempts = (previous?.attempts ?? 0) + 1;
  const gaveUp = attempts >= EVENT_MAX_ATTEMPTS;
  const delayMs = retryDelayMs(attempts);
  await save(
    deps,
    message,
    previous,
    gaveUp ? 'FAILED' : 'RETRYING',
    [...done],
    errors,
    attempts,
    delayMs,
  );
  deps.log.warn(
    { event: message.event, messageId: message.id, attempts, errors },
    gaveUp ? 'event handling failed; tries used up' : 'event handling failed; will retry',
  );
  return gaveUp ? { type: 'failed' } : { type: 'retry', delayMs };
}

async function save(
  deps: EventProcessorDeps,
  message: EventMessage,
  previous: EventExecutionRecord | null,
  status: EventExecutionRecord['status'],
  done: string[],
  errors: EventExecutionRecord['errors'],
  attempts: number,
  delayMs?: number,
): Promise<void> {
  const now = deps.now();
  const record: EventExecutionRecord = {
    id: message.id,
    event: message.event,
    payload: message.payload,
    status,
    attempts,
    done,
    errors: status === 'COMPLETED' ? (previous?.errors ?? []) : errors,
    createTime: previous?.createTime ?? now,
    updateTime: now,
  };
  if (status === 'RETRYING' && delayMs !== undefined) record.nextAttemptTime = now + delayMs;
  await deps.handlers.saveEventExecution(record);
}

async function evaluateCondition(
  deps: EventProcessorDeps,
  handler: EventHandler,
  payload: Record<string, unknown>,
): Promise<boolean> {
  const condition = handler.condition?.trim();
  if (!condition) return true;
  return conditionHolds(await deps.evaluator.evaluate(condition, payload, { key: handler.name }));
}

function str(value: unknown): string | undefined {
  return value === undefined || value === null || value === '' ? undefined : String(value);
}

async function runAction(
  deps: EventProcessorDeps,
  action: EventHandlerAction,
  message: EventMessage,
  key: string,
): Promise<void> {
  const { executor } = deps;
  const resolve = <T>(value: T): T => resolveWithDocument(value, message.payload) as T;
  const eventFields = {
    'conductor.event.messageId': message.id,
    'conductor.event.name': message.event,
  };
  switch (action.action) {
    case 'start_workflow': {
      const p = action.start_workflow!;
      const input = { ...resolve(p.input ?? {}), ...eventFields };
      const correlationId = str(resolve(p.correlationId));
      const taskToDomain = p.taskToDomain ?? (resolve('${taskToDomain}') as unknown);
      await executor.startWorkflow({
        name: p.name,
        ...(p.version !== undefined ? { version: p.version } : {}),
        ...(correlationId !== undefined ? { correlationId } : {}),
        input,
        ...(taskToDomain && typeof taskToDomain === 'object' && Object.keys(taskToDomain).length > 0
          ? { taskToDomain: taskToDomain as Record<string, string> }
          : {}),
        idempotencyKey: `event:${message.id}:${key}`,
        idempotencyStrategy: 'RETURN_EXISTING',
      });
      return;
    }
    case 'complete_task':
    case 'fail_task': {
      const p = action[action.action]!;
      const replaced = resolve({
        workflowId: p.workflowId ?? null,
        taskId: p.taskId ?? null,
        taskRefName: p.taskRefName ?? null,
        reasonForIncompletion: p.reasonForIncompletion ?? null,
        ...(p.output ?? {}),
      }) as Record<string, unknown>;
      const status = action.action === 'complete_task' ? 'COMPLETED' : 'FAILED';
      const outputData = { ...replaced, ...eventFields };
      const reason = str(replaced.reasonForIncompletion);
      const taskId = str(replaced.taskId);
      let workflowId = str(replaced.workflowId);
      let targetId = taskId;
      if (targetId === undefined) {
        const ref = str(replaced.taskRefName);
        if (workflowId === undefined || ref === undefined) {
          throw new Error('No task found: taskId, or workflowId and taskRefName, resolved empty');
        }
        const workflow = await executor.getWorkflow(workflowId, { includeTasks: true });
        const strip = (r: string) => r.replace(/__\d+(_\d+)*$/, '');
        const matches = workflow.tasks.filter((t) => strip(t.referenceTaskName) === ref);
        const task = matches.sort((a, b) => (b.iteration ?? 0) - (a.iteration ?? 0))[0];
        if (!task)
          throw new Error(`No task found with reference name ${ref} in workflow ${workflowId}`);
        targetId = task.taskId;
      } else if (workflowId === undefined) {
        workflowId = (await executor.getTask(targetId)).workflowInstanceId;
      }
      // An update of a task that has ended is ignored (so a redelivered message is harmless).
      await executor.updateTask({
        workflowInstanceId: workflowId,
        taskId: targetId,
        status,
        outputData,
        ...(status === 'FAILED' && reason !== undefined ? { reasonForIncompletion: reason } : {}),
      });
      return;
    }
    case 'terminate_workflow': {
      const p = resolve(action.terminate_workflow!);
      const workflowId = str(p.workflowId);
      if (workflowId === undefined)
        throw new Error('terminate_workflow: workflowId resolved empty');
      const workflow = await executor.getWorkflow(workflowId, { includeTasks: false });
      if (workflow.status === 'TERMINATED') return;
      await executor.terminate(
        workflowId,
        str(p.terminationReason) ?? `Terminated by event ${message.event}`,
      );
      return;
    }
    case 'update_workflow_variables': {
      const p = resolve(action.update_workflow_variables!);
      const workflowId = str(p.workflowId);
      if (workflowId === undefined) {
        throw new Error('update_workflow_variables: workflowId resolved empty');
      }
      await executor.updateVariables(workflowId, p.variables ?? {}, {
        appendArray: p.appendArray === true,
      });
      return;
    }
  }
}

function errorMessage(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).slice(0, 2_000);
}
