/**
 * Walks every WorkflowTask node of a definition, nested ones included (forks, cases, default,
 * loopOver), with its JSON path and the list it sits in.
 * @module
 */
import { isRecord, joinPath } from './issues.js';

/** One node of the task tree, as visited by `walkTasks`. */
export interface TaskNode {
  /** The raw node (not yet known to be an object). */
  task: unknown;
  /** JSON path of the node, e.g. `tasks[2].forkTasks[0][1]`. */
  path: string;
  /** The list the node sits in, and its index there (to look at the following sibling). */
  siblings: unknown[];
  index: number;
  /** True for the definition's own `tasks` list (Conductor checks input references only there). */
  topLevel: boolean;
}

/** Child task lists of a node with their paths: fork branches, cases, default case and loop body. */
export function childTaskLists(
  task: Record<string, unknown>,
  path: string,
): Array<{ list: unknown[]; path: string }> {
  const lists: Array<{ list: unknown[]; path: string }> = [];
  if (Array.isArray(task.forkTasks)) {
    task.forkTasks.forEach((branch, i) => {
      if (Array.isArray(branch))
        lists.push({ list: branch, path: joinPath(joinPath(path, 'forkTasks'), i) });
    });
  }
  if (isRecord(task.decisionCases)) {
    for (const [key, list] of Object.entries(task.decisionCases)) {
      if (Array.isArray(list))
        lists.push({ list, path: joinPath(joinPath(path, 'decisionCases'), key) });
    }
  }
  if (Array.isArray(task.defaultCase))
    lists.push({ list: task.defaultCase, path: joinPath(path, 'defaultCase') });
  if (Array.isArray(task.loopOver))
    lists.push({ list: task.loopOver, path: joinPath(path, 'loopOver') });
  return lists;
}

/** Visits every node depth-first, parents before children. */
export function walkTasks(
  tasks: unknown[],
  path: string,
  visit: (node: TaskNode) => void,
  topLevel = true,
): void {
  tasks.forEach((task, index) => {
    const nodePath = joinPath(path, index);
    visit({ task, path: nodePath, siblings: tasks, index, topLevel });
    if (isRecord(task)) {
      for (const child of childTaskLists(task, nodePath))
        walkTasks(child.list, child.path, visit, false);
    }
  });
}

/** Every taskReferenceName under `tasks` (nested included), in tree order. */
export function collectRefs(tasks: unknown[]): string[] {
  const refs: string[] = [];
  walkTasks(tasks, '', ({ task }) => {
    if (isRecord(task) && typeof task.taskReferenceName === 'string')
      refs.push(task.taskReferenceName);
  });
  return refs;
}
