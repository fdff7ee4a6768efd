/**
 * Runs the SystemActions a decide pass asked for (scripts, jq, event publishing) through the
 * ports, and folds each result into its task.
 * @module
 */
import type { ActionResult, SystemAction } from '../../decider/outcome.js';
import { applyLoopResult } from '../../decider/tasks/do-while.js';
import { applyEventResult } from '../../decider/tasks/event.js';
import {
  applyScriptResult,
  boundScriptResult,
  DEFAULT_SCRIPT_RESULT_MAX_BYTES,
} from '../../decider/tasks/script.js';
import { applySwitchResult } from '../../decider/tasks/switch.js';
import type { Task } from '../../model/task.js';
import type { Engine } from './engine.js';
import { findTask, putTask, type Session } from './session.js';

export async function runActions(
  engine: Engine,
  session: Session,
  actions: SystemAction[],
): Promise<void> {
  // Scripts and jq share their evaluator's threads fairly by workflow definition.
  const key = session.workflow.workflowName;
  const workflowId = session.workflow.workflowId;
  const results = await Promise.all(
    actions.map((action) => perform(engine, action, key, workflowId)),
  );
  const now = engine.deps.clock.now();
  actions.forEach((action, i) => {
    const task = findTask(session, action.taskId);
    if (!task) return;
    const patch = applyResult(task, results[i] as ActionResult, now);
    putTask(session, { ...task, ...patch });
  });
}

async function perform(
  engine: Engine,
  action: SystemAction,
  key: string,
  workflowId: string,
): Promise<ActionResult> {
  const maxBytes = engine.deps.config?.scriptResultMaxBytes ?? DEFAULT_SCRIPT_RESULT_MAX_BYTES;
  switch (action.type) {
    case 'script':
      return boundScriptResult(
        await attempt(() =>
          engine.deps.evaluator.evaluate(action.expression, action.input, { key }),
        ),
        maxBytes,
      );
    case 'jq':
      return boundScriptResult(
        await attempt(() => engine.deps.jq.transform(action.query, action.input, { key })),
        maxBytes,
        'jq',
      );
    case 'publish':
      return attempt(async () => {
        const sink = engine.deps.eventSink;
        if (!sink) throw new Error('No event sink is configured');
        await sink.publish(action.sink, action.payload, { workflowId, taskId: action.taskId });
        return null;
      });
  }
}

/** The port call's value, or its failure as an error result. */
async function attempt(call: () => Promise<unknown>): Promise<ActionResult> {
  try {
    return { type: 'ok', value: await call() };
  } catch (e) {
    return { type: 'error', message: e instanceof Error ? e.message : String(e) };
  }
}

function applyResult(task: Task, result: ActionResult, now: number): Partial<Task> {
  switch (task.taskType) {
    case 'SWITCH':
    case 'DECISION':
      return applySwitchResult(task, result, now);
    case 'DO_WHILE':
      return applyLoopResult(task, result, now);
    case 'EVENT':
      return applyEventResult(task, result, now);
    default:
      return { startTime: task.startTime || now, ...applyScriptResult(task, result, now) };
  }
}
