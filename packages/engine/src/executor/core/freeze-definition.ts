/**
 * Freezing a definition into an execution at start
 * (docs/conductor-compatibility.md#starting-a-workflow): a copy with a TaskDef attached to every
 * node (registered, inline or ad-hoc) and sub-workflow versions pinned to the latest version at
 * this moment. The result is deeply frozen.
 *
 * Starts of one stored definition share one frozen result: the definition store hands out deeply
 * frozen objects (see {@link DefinitionStore}), so a result built from the same frozen workflow
 * definition, the same frozen TaskDef objects and the same pinned versions has the same content.
 * Each start still reads every TaskDef and sub-workflow it uses and builds a new result when any of
 * them is another object than last time, so a definition change is seen by the next start.
 * @module
 */
import { nodeType } from '../../decider/task-kinds.js';
import { deepFreeze, isDeeplyFrozen } from '../../deep-freeze.js';
import { batonError } from '../../errors.js';
import { usesRegisteredTaskDef, type TaskDef } from '../../model/task-def.js';
import type { WorkflowDef, WorkflowTask } from '../../model/workflow-def.js';
import type { DefinitionStore } from '../../ports/definition-store.js';

/** A frozen result with the reads it was built from. */
interface Frozen {
  definition: WorkflowDef;
  /** Registered TaskDef by name (null: none), as read for this result. */
  taskDefs: Map<string, TaskDef | null>;
  /** Pinned version by sub-workflow name (null: no such workflow, left unpinned). */
  pins: Map<string, number | null>;
  /** Names of worker tasks without a registered TaskDef (strict mode rejects them). */
  missing: string[];
  /** False when a TaskDef read was not deeply frozen (so the same object may read differently). */
  reusable: boolean;
}

/** The last result built from each deeply frozen workflow definition. */
const built = new WeakMap<WorkflowDef, Frozen>();

/**
 * @throws BatonError REQUEST_INVALID in strict mode when worker tasks have no registered TaskDef.
 */
export async function freezeDefinition(
  definitions: DefinitionStore,
  def: WorkflowDef,
  strict: boolean,
): Promise<WorkflowDef> {
  const shareable = isDeeplyFrozen(def);
  const previous = shareable ? built.get(def) : undefined;
  const result =
    previous && (await sameReads(definitions, previous)) ? previous : await build(definitions, def);
  if (shareable && result.reusable) built.set(def, result);
  if (strict && result.missing.length > 0) {
    throw batonError(
      'REQUEST_INVALID',
      `Cannot find the task definitions for the following tasks used in workflow: [${[...new Set(result.missing)].join(', ')}]`,
    );
  }
  return result.definition;
}

/** Copies `def`, attaches TaskDefs, pins sub-workflow versions and freezes the copy. */
async function build(definitions: DefinitionStore, def: WorkflowDef): Promise<Frozen> {
  const copy = copyJson(def);
  const nodes: WorkflowTask[] = [];
  collect(copy.tasks ?? [], nodes);
  const lookups = new Map<string, Promise<TaskDef | null>>();
  const lookup = (name: string): Promise<TaskDef | null> => {
    let found = lookups.get(name);
    if (!found) {
      found = definitions.getTaskDef(name);
      lookups.set(name, found);
    }
    return found;
  };
  const frozen: Frozen = {
    definition: copy,
    taskDefs: new Map(),
    pins: new Map(),
    missing: [],
    reusable: true,
  };
  await Promise.all(
    nodes.map(async (node) => {
      const type = nodeType(node);
      if (type === 'SUB_WORKFLOW') await pinSubWorkflowVersion(definitions, node, frozen.pins);
      if (node.taskDefinition || !usesRegisteredTaskDef(type)) return;
      const registered = await lookup(node.name);
      frozen.taskDefs.set(node.name, registered);
      if (registered && isDeeplyFrozen(registered)) {
        node.taskDefinition = registered;
      } else if (registered) {
        node.taskDefinition = copyJson(registered);
        frozen.reusable = false;
      } else if (type === 'SIMPLE') {
        frozen.missing.push(node.name);
        node.taskDefinition = { name: node.name };
      } else if (type === 'USER_DEFINED') {
        frozen.missing.push(node.name);
      }
    }),
  );
  deepFreeze(copy);
  isDeeplyFrozen(copy); // remembered, so the next start's check is one lookup
  return frozen;
}

/** Whether every TaskDef and sub-workflow version that `frozen` used reads the same now. */
async function sameReads(definitions: DefinitionStore, frozen: Frozen): Promise<boolean> {
  const checks = [
    ...[...frozen.taskDefs].map(
      async ([name, used]) => (await definitions.getTaskDef(name)) === used,
    ),
    ...[...frozen.pins].map(
      async ([name, pinned]) => latestVersion(await definitions.getWorkflowDef(name)) === pinned,
    ),
  ];
  return (await Promise.all(checks)).every(Boolean);
}

async function pinSubWorkflowVersion(
  definitions: DefinitionStore,
  node: WorkflowTask,
  pins: Map<string, number | null>,
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
  const version = latestVersion(await definitions.getWorkflowDef(param.name));
  pins.set(param.name, version);
  if (version !== null) param.version = version;
}

function latestVersion(latest: WorkflowDef | null): number | null {
  return latest ? (latest.version ?? 1) : null;
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

function copyJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
