/**
 * What a WorkflowTask becomes when it is scheduled: one mapper per task type (Conductor's
 * TaskMapper registry).
 * @module
 */
import type { Task } from '../model/task.js';
import type { WorkflowTask } from '../model/workflow-def.js';
import type { MapContext, MapOptions } from './task-factory.js';
import { nodeType } from './task-kinds.js';
import { mapDoWhile } from './tasks/do-while.js';
import { mapDynamic } from './tasks/dynamic.js';
import { mapEvent } from './tasks/event.js';
import { mapExclusiveJoin } from './tasks/exclusive-join.js';
import { mapForkJoinDynamic } from './tasks/fork-join-dynamic.js';
import { mapForkJoin } from './tasks/fork-join.js';
import { mapJoin } from './tasks/join.js';
import { mapScriptTask } from './tasks/script.js';
import { mapSetVariable } from './tasks/set-variable.js';
import { mapImmediateTask, mapQueuedTask, mapSubWorkflow } from './tasks/simple-system.js';
import { mapSwitch } from './tasks/switch.js';
import { mapTerminate } from './tasks/terminate.js';
import { mapWait } from './tasks/wait.js';
import { mapWorkerTask } from './tasks/worker.js';

type Mapper = (m: MapContext, node: WorkflowTask, suffix: string, options: MapOptions) => Task[];

const MAPPERS: Record<string, Mapper> = {
  SIMPLE: mapWorkerTask,
  USER_DEFINED: mapWorkerTask,
  DYNAMIC: mapDynamic,
  SWITCH: mapSwitch,
  DECISION: mapSwitch,
  FORK_JOIN: mapForkJoin,
  FORK_JOIN_DYNAMIC: mapForkJoinDynamic,
  JOIN: (m, node, suffix) => [mapJoin(m, node, suffix, node.joinOn ?? [])],
  EXCLUSIVE_JOIN: mapExclusiveJoin,
  DO_WHILE: mapDoWhile,
  SUB_WORKFLOW: mapSubWorkflow,
  START_WORKFLOW: mapQueuedTask,
  HTTP: mapQueuedTask,
  KAFKA_PUBLISH: mapQueuedTask,
  WAIT: mapWait,
  HUMAN: mapImmediateTask,
  NOOP: mapImmediateTask,
  EVENT: mapEvent,
  INLINE: mapScriptTask,
  LAMBDA: mapScriptTask,
  JSON_JQ_TRANSFORM: mapScriptTask,
  SET_VARIABLE: mapSetVariable,
  TERMINATE: mapTerminate,
};

/** Maps `node` with loop suffix `suffix` into new task rows (not yet added to the draft). */
export function mapNode(
  m: MapContext,
  node: WorkflowTask,
  suffix: string,
  options: MapOptions = {},
): Task[] {
  const type = nodeType(node);
  const mapper = MAPPERS[type] ?? mapWorkerTask;
  const tasks = mapper(m, node, suffix, options);
  const override = options.inputOverride;
  const first = tasks[0];
  if (override && first && type !== 'SIMPLE' && type !== 'USER_DEFINED' && type !== 'DYNAMIC') {
    const inputData = { ...first.inputData, ...override };
    if (type === 'SUB_WORKFLOW') {
      inputData.workflowInput = { ...(first.inputData.workflowInput as object), ...override };
    }
    tasks[0] = { ...first, inputData };
  }
  return tasks;
}
