/**
 * The decide loop: decide, apply, run the actions sync system tasks need, decide again until
 * nothing changes; then end the workflow when the outcome says so.
 * @module
 */
import { decide, decideEnd } from '../../decider/decide.js';
import type { Outcome } from '../../decider/outcome.js';
import { isSystemTask } from '../../decider/task-kinds.js';
import type { Task } from '../../model/task.js';
import { TASK_DEF_DEFAULTS, type TaskDef } from '../../model/task-def.js';
import { runActions } from './actions.js';
import type { Engine } from './engine.js';
import { finishWorkflow } from './finish.js';
import { patchWorkflow, putTask, tableOf, type Session } from './session.js';
import { reportTimeouts } from './timeout-alerts.js';

const MAX_PASSES = 1000;

/** Decides `session.workflow` until it settles. */
export async function runDecider(engine: Engine, session: Session): Promise<void> {
  for (let pass = 0; pass < MAX_PASSES; pass += 1) {
    // Timeouts are reported at the instant the pass decides at, so none it acts on goes unreported.
    const ctx = engine.decideContext();
    reportTimeouts(engine, session.workflow, tableOf(session), ctx.now);
    const outcome = decide(session.workflow, ctx, tableOf(session));
    const taskDefs = await lookUpTaskDefs(engine, session, outcome.upserts);
    if (typeof taskDefs === 'string') {
      // As in Conductor, a rejected DYNAMIC task aborts this pass: nothing it scheduled is kept.
      const ended = decideEnd(session.workflow, engine.decideContext(), 'FAILED', taskDefs);
      applyUpserts(session, ended);
      await finishWorkflow(engine, session, ended);
      return;
    }
    applyUpserts(session, outcome);
    for (const task of taskDefs) putTask(session, task);
    if (outcome.type === 'end') {
      await finishWorkflow(engine, session, outcome);
      return;
    }
    if (outcome.actions.length === 0) return;
    await runActions(engine, session, outcome.actions);
  }
}

function applyUpserts(session: Session, outcome: Outcome): void {
  for (const task of outcome.upserts) putTask(session, task);
  if (outcome.variables) patchWorkflow(session, { variables: outcome.variables });
}

/**
 * Worker tasks created from outside the frozen definition (DYNAMIC, dynamic forks) get their
 * TaskDef now: DYNAMIC needs a registered one (returns the reason to fail the workflow), others
 * fall back to Conductor's ad-hoc defaults. Returns the tasks with their TaskDef attached.
 */
async function lookUpTaskDefs(
  engine: Engine,
  session: Session,
  upserts: Task[],
): Promise<Task[] | string> {
  const attached: Task[] = [];
  // One read per task type: a dynamic fork creates many tasks of one type.
  const defs = new Map<string, Promise<TaskDef | null>>();
  for (const task of upserts) {
    if (task.taskDefinition || isSystemTask(task) || session.beforeTasks.has(task.taskId)) continue;
    if (task.retryCount > 0) continue;
    let read = defs.get(task.taskType);
    if (!read) {
      read = engine.deps.definitions.getTaskDef(task.taskType);
      defs.set(task.taskType, read);
    }
    const def = await read;
    if (!def && task.workflowTask.type === 'DYNAMIC') {
      return `Invalid task specified.  Cannot find task by name ${task.taskType} in the task definitions`;
    }
    const taskDefinition = def ?? { name: task.taskType };
    attached.push({
      ...task,
      taskDefinition,
      responseTimeoutSeconds:
        taskDefinition.responseTimeoutSeconds ?? TASK_DEF_DEFAULTS.responseTimeoutSeconds,
    });
  }
  return attached;
}
