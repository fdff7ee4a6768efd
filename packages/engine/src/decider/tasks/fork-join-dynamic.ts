/**
 * FORK_JOIN_DYNAMIC (docs/conductor-compatibility.md#fork_join_dynamic): the branches come from the
 * input, in one of three forms: `forkTaskName` + `forkTaskInputs` (same task N times),
 * `dynamicForkTasksParam` + `dynamicForkTasksInputParamName`, or the legacy
 * `dynamicForkJoinTasksParam`.
 * @module
 */
import type { Task } from '../../model/task.js';
import type { WorkflowTask } from '../../model/workflow-def.js';
import { TerminateSignal } from '../outcome.js';
import { withSuffix } from '../refs.js';
import { createTask, resolveNodeInput, type MapContext } from '../task-factory.js';
import { followingJoin } from './fork-join.js';
import { mapJoin } from './join.js';

interface Branch {
  node: WorkflowTask;
  input: Record<string, unknown>;
}

export function mapForkJoinDynamic(m: MapContext, node: WorkflowTask, suffix: string): Task[] {
  const joinNode = followingJoin(m, node);
  if (!joinNode) {
    throw new TerminateSignal(
      'FAILED',
      'Dynamic join definition is not followed by a join task.  Check the workflow definition.',
    );
  }
  const taskId = m.ctx.newId();
  const input = resolveNodeInput(m, node, taskId);
  const found = toBranches(m, node, input);
  const limit = m.ctx.maxDynamicForkBranches;
  if (limit !== undefined && found.length > limit) {
    throw new TerminateSignal('FAILED', tooManyBranchesReason(node, found.length, limit));
  }
  const branches = found.map((b) =>
    node.optional ? { ...b, node: { ...b.node, optional: true } } : b,
  );
  const refs = branches.map((b) => b.node.taskReferenceName);
  const seen = new Set<string>();
  const duplicate = refs.find((ref) => {
    if (seen.has(ref)) return true;
    seen.add(ref);
    return m.draft.byRef(withSuffix(ref, suffix)) !== undefined;
  });
  if (duplicate !== undefined) {
    throw new TerminateSignal(
      'FAILED',
      `No dynamic tasks could be created for the Workflow: ${m.draft.workflow.workflowName}, WorkflowDef: ${m.draft.workflow.workflowName} and WorkflowId: ${m.draft.workflow.workflowId} due to duplicate task reference name: ${duplicate}`,
    );
  }
  const fork = createTask(m, node, suffix, {
    taskId,
    taskType: 'FORK',
    taskDefName: 'FORK',
    status: 'COMPLETED',
    inputData: { ...input, forkedTasks: refs, forkedTaskDefs: branches.map((b) => b.node) },
  });
  const tasks = [fork];
  for (const branch of branches) {
    tasks.push(...m.map(branch.node, suffix, { inputOverride: branch.input }));
  }
  tasks.push(mapJoin(m, joinNode, suffix, refs));
  return tasks;
}

/** Why a dynamic fork with more branches than the limit fails the workflow. */
export function tooManyBranchesReason(node: WorkflowTask, count: number, limit: number): string {
  return `Dynamic fork ${node.taskReferenceName} was given ${count} tasks to fork, more than the limit of ${limit} (maxDynamicForkBranches)`;
}

function toBranches(m: MapContext, node: WorkflowTask, input: Record<string, unknown>): Branch[] {
  if (Array.isArray(input.forkTaskInputs)) return sameTaskBranches(m, node, input);
  if (node.dynamicForkJoinTasksParam) return legacyBranches(node, input);
  const param = node.dynamicForkTasksParam ?? '';
  const tasks = input[param];
  if (!Array.isArray(tasks) || tasks.some((t) => !isNode(t))) {
    throw new TerminateSignal(
      'FAILED',
      `Input '${param}' is invalid. Cannot deserialize value: ${JSON.stringify(tasks)} into a list of WorkflowTask`,
    );
  }
  const inputs = input[node.dynamicForkTasksInputParamName ?? ''];
  if (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs)) {
    throw new TerminateSignal(
      'FAILED',
      `Input to the dynamically forked tasks is not a map -> expecting a map of K,V  but found ${JSON.stringify(inputs ?? null)}`,
    );
  }
  const byRef = inputs as Record<string, unknown>;
  return (tasks as WorkflowTask[]).map((t) => ({
    node: { ...t, type: t.type ?? 'SIMPLE' },
    input: branchInput(t.taskReferenceName, byRef[t.taskReferenceName]),
  }));
}

function sameTaskBranches(
  m: MapContext,
  node: WorkflowTask,
  input: Record<string, unknown>,
): Branch[] {
  const name = String(input.forkTaskName ?? input.forkTaskWorkflow ?? '');
  const subWorkflow = input.forkTaskWorkflow !== undefined && input.forkTaskWorkflow !== null;
  const type = subWorkflow ? 'SUB_WORKFLOW' : String(input.forkTaskType ?? 'SIMPLE');
  const otherDynamicFork = [...m.index.values()].some(
    (l) => l.node.type === 'FORK_JOIN_DYNAMIC' && l.node !== node,
  );
  const prefix = otherDynamicFork ? `_${node.taskReferenceName}_${name}` : `_${name}`;
  return (input.forkTaskInputs as unknown[]).map((item, i) => {
    const branchNode: WorkflowTask = { name, taskReferenceName: `${prefix}_${i}`, type };
    if (subWorkflow) {
      branchNode.subWorkflowParam = {
        name,
        version: (input.forkTaskWorkflowVersion as number | undefined) ?? undefined,
      };
    }
    const base =
      typeof item === 'object' && item !== null && !Array.isArray(item) ? item : { input: item };
    return { node: branchNode, input: { ...(base as Record<string, unknown>), __index: i } };
  });
}

function legacyBranches(node: WorkflowTask, input: Record<string, unknown>): Branch[] {
  const value = asMap(input[node.dynamicForkJoinTasksParam ?? '']);
  const list = Array.isArray(value.dynamicTasks) ? (value.dynamicTasks as unknown[]) : [];
  return list.map((entry) => {
    const e = asMap(entry);
    return {
      node: {
        name: String(e.taskName ?? ''),
        taskReferenceName: String(e.taskReferenceName ?? ''),
        type: String(e.type ?? 'SIMPLE'),
      },
      input: asMap(e.input),
    };
  });
}

/** A branch's input: a map, or none (null); anything else fails the workflow, as in Conductor. */
function branchInput(ref: string, value: unknown): Record<string, unknown> {
  if (value === null || value === undefined) return {};
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new TerminateSignal(
    'FAILED',
    `Tasks could not be dynamically forked due to invalid input: the input of ${ref} is not a map but ${JSON.stringify(value).slice(0, 200)}`,
  );
}

function isNode(value: unknown): value is WorkflowTask {
  const v = value as Partial<WorkflowTask> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.taskReferenceName === 'string' &&
    v.taskReferenceName !== ''
  );
}

function asMap(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
