/**
 * Which groups (forks, switches, loops) a graph opens collapsed. Small workflows open whole; a
 * large one (over COLLAPSE_THRESHOLD tasks) opens with every group collapsed except those on the
 * path to the task that matters (the failed or running one), so it opens readable and the user
 * expands what they need. Pure.
 * @module
 */
import type { WorkflowTask } from '@baton/engine';
import { GROUP_TYPES } from '../designer/model/layout.js';

/** Past this many tasks a workflow opens with its groups collapsed. */
export const COLLAPSE_THRESHOLD = 150;

function children(t: WorkflowTask): WorkflowTask[][] {
  return [
    ...(t.forkTasks ?? []),
    ...Object.values(t.decisionCases ?? {}),
    ...(t.defaultCase ? [t.defaultCase] : []),
    ...(t.loopOver ? [t.loopOver] : []),
  ];
}

/** Number of tasks in a task list, at any depth. */
export function countTasks(list: readonly WorkflowTask[]): number {
  let n = 0;
  for (const t of list) {
    n += 1;
    for (const c of children(t)) n += countTasks(c);
  }
  return n;
}

/** The reference names of the groups that hold `ref` (outermost first), or null when absent. */
export function groupsAround(list: readonly WorkflowTask[], ref: string): string[] | null {
  for (const t of list) {
    if (t.taskReferenceName === ref) return [];
    for (const c of children(t)) {
      const inner = groupsAround(c, ref);
      if (inner) return [t.taskReferenceName, ...inner];
    }
  }
  return null;
}

/** Every group with tasks inside it. */
function groupRefs(list: readonly WorkflowTask[], out: string[] = []): string[] {
  for (const t of list) {
    const kids = children(t);
    if (GROUP_TYPES.has(t.type ?? 'SIMPLE') && kids.some((c) => c.length > 0))
      out.push(t.taskReferenceName);
    for (const c of kids) groupRefs(c, out);
  }
  return out;
}

/**
 * The groups collapsed when a workflow opens: none up to `threshold` tasks; otherwise every group
 * except the ones holding a `focus` task (the failed or running task).
 */
export function openingCollapsed(
  list: readonly WorkflowTask[],
  focus: readonly string[] = [],
  threshold = COLLAPSE_THRESHOLD,
): string[] {
  if (countTasks(list) <= threshold) return [];
  const keep = new Set(focus.flatMap((ref) => groupsAround(list, ref) ?? []));
  return groupRefs(list).filter((ref) => !keep.has(ref));
}
