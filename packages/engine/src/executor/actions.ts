/**
 * Runs the SystemActions a decide pass asked for (scripts, jq, event publishing) through the
 * ports, and folds each result into its task.
 * @module
 */
import type { ActionResult, SystemAction } from '../decider/outcome.js';
import { applyLoopResult } from '../decider/tasks/do-while.js';
import { applyEventResult } from '../decider/tasks/event.js';
import { applyScriptResult } from '../decider/tasks/script.js';
import { applySwitchResult } from '../decider/tasks/switch.js';
import type { Task } from '../model/task.js';
import type { Engine } from './engine.js';
import { findTask, putTask, type Session } from './session.js';

export async function runActions(
  engine: Engine,
  session: Session,
  actions: SystemAction[],
): Promise<void> {
  const results = await Promise.all(actions.map((action) => perform(engine, action)));
  const now = engine.deps.clock.now();
  actions.forEach((action, i) => {
    const task = findTask(session, action.taskId);
    if (!task) return;
    const patch = applyResult(task, results[i] as ActionResult, now);
    putTask(session, { ...task, ...patch });
  });
}

async function perform(engine: Engine, action: SystemAction): Promise<ActionResult> {
  try {
    switch (action.type) {
      case 'script':
        return {
          type: 'ok',
          value: await engine.deps.evaluator.evaluate(action.expression, action.input),
        };
      case 'jq':
        return { type: 'ok', value: await engine.deps.jq.transform(action.query, action.input) };
      case 'publish': {
        const sink = engine.deps.eventSink;
        if (!sink) return { type: 'error', message: 'No event sink is configured' };
        await sink.publish(action.sink, action.payload);
        return { type: 'ok', value: null };
      }
    }
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
