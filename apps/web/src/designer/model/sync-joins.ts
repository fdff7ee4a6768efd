/**
 * Keeps a fork's JOIN waiting on the last task of each branch while the user edits the branches,
 * unless the user chose a different joinOn list by hand.
 * @module
 */
import type { WorkflowDef, WorkflowTask } from '@baton/engine';
import { walkTasks } from './slots.js';
import { mapTask } from './tree-edit.js';

/** The joinOn a fork's JOIN needs: the last task of every non-empty branch. */
export function derivedJoinOn(fork: WorkflowTask): string[] {
  return (fork.forkTasks ?? [])
    .map((branch) => branch[branch.length - 1]?.taskReferenceName)
    .filter((r): r is string => typeof r === 'string');
}

const sameList = (a: readonly string[] | undefined, b: readonly string[]) =>
  (a ?? []).length === b.length && b.every((x, i) => a?.[i] === x);

/**
 * For each FORK_JOIN followed by a JOIN in `after`: if that JOIN's joinOn was empty or matched the
 * derived list in `before`, it is updated to the derived list of `after`.
 */
export function syncJoins(before: WorkflowDef, after: WorkflowDef): WorkflowDef {
  const updates: { joinRef: string; joinOn: string[] }[] = [];
  const forksBefore = new Map<string, WorkflowTask>();
  walkTasks(before, ({ task }) => {
    if (task.type === 'FORK_JOIN') forksBefore.set(task.taskReferenceName, task);
  });
  walkTasks(after, ({ task, index, siblings }) => {
    if (task.type !== 'FORK_JOIN') return;
    const join = siblings[index + 1];
    if (!join || join.type !== 'JOIN') return;
    const wanted = derivedJoinOn(task);
    if (sameList(join.joinOn, wanted)) return;
    const old = forksBefore.get(task.taskReferenceName);
    const oldWanted = old ? derivedJoinOn(old) : [];
    const current = join.joinOn ?? [];
    if (current.length === 0 || sameList(current, oldWanted)) {
      updates.push({ joinRef: join.taskReferenceName, joinOn: wanted });
    }
  });
  return updates.reduce(
    (def, u) => mapTask(def, u.joinRef, (t) => ({ ...t, joinOn: u.joinOn })),
    after,
  );
}
