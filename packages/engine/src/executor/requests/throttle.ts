/**
 * Poll-time limits from the TaskDef (docs/conductor-compatibility.md#worker-protocol):
 * `concurrentExecLimit` (IN_PROGRESS tasks of the type) and `rateLimitPerFrequency` per
 * `rateLimitFrequencyInSeconds` (tasks of the type started in the window). A task over a limit
 * stays queued and is offered again later.
 * @module
 */
import type { Task } from '../../model/task.js';
import type { SearchExpression } from '../../search/search-query.js';
import type { Engine } from '../core/engine.js';

/** Conductor's taskExecutionPostponeDuration. */
export const THROTTLE_POSTPONE_MS = 60_000;

/** True when handing out `task` now would exceed a limit of its TaskDef. */
export async function isThrottled(engine: Engine, task: Task): Promise<boolean> {
  const def = task.taskDefinition;
  if (!def) return false;
  const limit = def.concurrentExecLimit ?? 0;
  if (
    limit > 0 &&
    (await count(engine, task.taskType, condition('status', '=', 'IN_PROGRESS'))) >= limit
  ) {
    return true;
  }
  const perFrequency = def.rateLimitPerFrequency ?? 0;
  if (perFrequency > 0) {
    const windowMs = (def.rateLimitFrequencyInSeconds ?? 1) * 1000;
    const since = engine.deps.clock.now() - windowMs;
    if ((await count(engine, task.taskType, condition('startTime', '>', since))) >= perFrequency) {
      return true;
    }
  }
  return false;
}

async function count(engine: Engine, taskType: string, extra: SearchExpression): Promise<number> {
  const result = await engine.deps.executions.searchTasks({
    start: 0,
    size: 0,
    sort: [],
    freeText: '*',
    query: { type: 'and', items: [condition('taskType', '=', taskType), extra] },
  });
  return result.totalHits;
}

function condition(field: string, op: '=' | '>', value: string | number): SearchExpression {
  return { type: 'condition', field, op, values: [value] };
}
