/**
 * Freezing a definition into an execution at start (semantics doc §2.3, §3.8, §5.1): a deep copy
 * with a TaskDef attached to every node (registered, inline or ad-hoc) and sub-workflow versions
 * pinned to the latest version at this moment.
 * @module
 */
import { nodeType } from '../decider/task-kinds.js';
import { batonError } from '../errors.js';
import type { TaskDef } from '../model/task-def.js';
import type { WorkflowDef, WorkflowTask } from '../model/workflow-def.js';
import type { DefinitionStore } from '../ports/definition-store.js';

/** System types that never have a TaskDef (control flow); all others may have one by name. */
const NO_TASK_DEF = new Set([
  'SWITCH',
  'DECISION',
  'FORK_JOIN',
  'FORK_JOIN_DYNAMIC',
  'JOIN',
  'EXCLUSIVE_JOIN',
  'DO_WHILE',
  'TERMINATE',
  'SET_VARIABLE',
  'NOOP',
  'DYNAMIC',
]);

/**
 * @throws BatonError REQUEST_INVALID in strict mode when worker tasks have no registered TaskDef.
 */
export async function freezeDefinition(
  definitions: DefinitionStore,
  def: WorkflowDef,
  strict: boolean,
): Promise<WorkflowDef> {
  const frozen = JSON.parse(JSON.stringify(def)) as WorkflowDef;
  const nodes: WorkflowTask[] = [];
  collect(frozen.tasks ?? [], nodes);
  const cache = new Map<string, Promise<TaskDef | null>>();
  const lookup = (name: string): Promise<TaskDef | null> => {
    let found = cache.get(name);
    if (!found) {
      found = definitions.getTaskDef(name);
      cache.set(name, found);
    }
    return found;
  };
  const missing: string[] = [];
  await Promise.all(
    nodes.map(async (node) => {
      const type = nodeType(node);
      if (type === 'SUB_WORKFLOW') await pinSubWorkflowVersion(definitions, node);
      if (node.taskDefinition || NO_TASK_DEF.has(type)) return;
      const registered = await lookup(node.name);
      if (registered) node.taskDefinition = registered;
      else if (type === 'SIMPLE') {
        missing.push(node.name);
        node.taskDefinition = { name: node.name };
      } else if (type === 'USER_DEFINED') {
        missing.push(node.name);
      }
    }),
  );
  if (strict && missing.length > 0) {
    throw batonError(
      'REQUEST_INVALID',
      `Cannot find the task definitions for the following tasks used in workflow: [${[...new Set(missing)].join(', ')}]`,
    );
  }
  return frozen;
}

async function pinSubWorkflowVersion(
  definitions: DefinitionStore,
  node: WorkflowTask,
): Promise<void> {
  const param = node.subWorkflowParam;
  if (
    !param ||
    param.workflowDefinition ||
    (param.version !== null && param.version !== undefined)
  ) {
    return;
  }
  if (!param.name || param.name.includes('${')) return;
  const latest = await definitions.getWorkflowDef(param.name);
  if (latest) param.version = latest.version ?? 1;
}

function collect(list: WorkflowTask[], into: WorkflowTask[]): void {
  for (const node of list) {
    into.push(node);
    for (const branch of Object.values(node.decisionCases ?? {})) collect(branch, into);
    if (node.defaultCase) collect(node.defaultCase, into);
    for (const branch of node.forkTasks ?? []) collect(branch, into);
    if (node.loopOver) collect(node.loopOver, into);
  }
}
