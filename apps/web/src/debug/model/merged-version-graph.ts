/**
 * Two versions of a definition merged into one graph: the newer version's tasks, plus every task
 * removed since the older one drawn as a "ghost" at the place it had there. The result is an
 * ordinary definition, so the designer's layout draws it; `ghosts` names the removed tasks.
 *
 * Where a ghost goes: in the list (root, SWITCH case, default case, fork branch, loop body) that
 * corresponds to the one it was in, right after the nearest task before it in the older list that
 * is still in that list (the newer task or an earlier ghost), else at the list's start. A removed
 * container carries its removed children with it; a removed SWITCH case or fork branch comes back
 * as a ghost case or branch. Lists correspond by their container's reference name and the case
 * key; fork branches by the tasks they share.
 * @module
 */
import type { WorkflowDef, WorkflowTask } from '@baton/engine';
import { allRefs, walkTasks } from '../../designer/model/slots.js';

/** The merged definition and the reference names of the removed tasks drawn in it. */
export interface MergedVersions {
  def: WorkflowDef;
  ghosts: ReadonlySet<string>;
}

/** Child lists a task can hold, by the key it keeps them under. */
const SWITCH_TYPES: ReadonlySet<string> = new Set(['SWITCH', 'DECISION']);

function typeOf(task: WorkflowTask): string {
  return task.type ?? 'SIMPLE';
}

/** Every reference name inside a list of tasks, at any depth. */
function refsIn(list: readonly WorkflowTask[]): Set<string> {
  return allRefs({ name: '', tasks: [...list] } as WorkflowDef);
}

/** Merges the older version into the newer one's graph (neither input is changed). */
export function mergeVersions(older: WorkflowDef, newer: WorkflowDef): MergedVersions {
  const inNewer = allRefs(newer);
  const olderByRef = new Map<string, WorkflowTask>();
  walkTasks(older, ({ task }) => {
    if (!olderByRef.has(task.taskReferenceName)) olderByRef.set(task.taskReferenceName, task);
  });
  const ghosts = new Set<string>();

  /** The removed parts of an older list, as ghosts (tasks still in the newer version are left out). */
  const ghostList = (list: readonly WorkflowTask[] | undefined): WorkflowTask[] =>
    (list ?? []).flatMap((t) => {
      const g = ghostOf(t);
      return g ? [g] : [];
    });

  /** A removed task with its removed children, or null when it is still in the newer version. */
  function ghostOf(task: WorkflowTask): WorkflowTask | null {
    if (inNewer.has(task.taskReferenceName) || ghosts.has(task.taskReferenceName)) return null;
    ghosts.add(task.taskReferenceName);
    const copy: WorkflowTask = { ...task };
    if (task.decisionCases)
      copy.decisionCases = Object.fromEntries(
        Object.entries(task.decisionCases).map(([key, list]) => [key, ghostList(list)]),
      );
    if (task.defaultCase) copy.defaultCase = ghostList(task.defaultCase);
    if (task.loopOver) copy.loopOver = ghostList(task.loopOver);
    if (task.forkTasks) copy.forkTasks = task.forkTasks.map((b) => ghostList(b));
    return copy;
  }

  /**
   * The newer list with the older list's removed tasks put back. `orphans` of a merged task (ghost
   * children its newer type has no list for) go right after it.
   */
  function mergeList(
    newerList: readonly WorkflowTask[],
    olderList: readonly WorkflowTask[],
  ): WorkflowTask[] {
    const out: WorkflowTask[] = [];
    for (const task of newerList) {
      const { merged, orphans } = mergeTask(task);
      out.push(merged, ...orphans);
    }
    let anchor = -1; // insert after this index of `out`
    for (const task of olderList) {
      const ref = task.taskReferenceName;
      const at = out.findIndex((t) => t.taskReferenceName === ref);
      if (at >= 0) {
        anchor = at;
        continue;
      }
      const ghost = ghostOf(task);
      if (!ghost) continue; // moved elsewhere: drawn there
      out.splice(anchor + 1, 0, ghost);
      anchor += 1;
    }
    return out;
  }

  /** A newer task with its child lists merged with those of the older task of the same name. */
  function mergeTask(task: WorkflowTask): { merged: WorkflowTask; orphans: WorkflowTask[] } {
    const old = olderByRef.get(task.taskReferenceName);
    const type = typeOf(task);
    const merged: WorkflowTask = { ...task };
    const orphans: WorkflowTask[] = [];
    // Newer child lists, merged with the older ones where the older task has them.
    if (SWITCH_TYPES.has(type)) {
      merged.decisionCases = mergeCases(task.decisionCases ?? {}, old?.decisionCases ?? {});
      const def = mergeList(task.defaultCase ?? [], old?.defaultCase ?? []);
      if (task.defaultCase || def.length) merged.defaultCase = def;
    } else if (type === 'DO_WHILE') {
      merged.loopOver = mergeList(task.loopOver ?? [], old?.loopOver ?? []);
    } else if (type === 'FORK_JOIN') {
      merged.forkTasks = mergeBranches(task.forkTasks ?? [], old?.forkTasks ?? []);
    }
    // Older child lists the newer type has no place for (the task changed type): after the task.
    if (old && !SWITCH_TYPES.has(type)) {
      for (const list of Object.values(old.decisionCases ?? {})) orphans.push(...ghostList(list));
      orphans.push(...ghostList(old.defaultCase));
    }
    if (old && type !== 'DO_WHILE') orphans.push(...ghostList(old.loopOver));
    if (old && type !== 'FORK_JOIN')
      for (const b of old.forkTasks ?? []) orphans.push(...ghostList(b));
    return { merged, orphans };
  }

  /** SWITCH cases by key; a case only the older version has comes back after its older neighbour. */
  function mergeCases(
    newer: Record<string, WorkflowTask[]>,
    older: Record<string, WorkflowTask[]>,
  ): Record<string, WorkflowTask[]> {
    const entries: [string, WorkflowTask[]][] = Object.entries(newer).map(([key, list]) => [
      key,
      mergeList(list, older[key] ?? []),
    ]);
    let anchor = -1;
    for (const [key, list] of Object.entries(older)) {
      const at = entries.findIndex(([k]) => k === key);
      if (at >= 0) {
        anchor = at;
        continue;
      }
      const ghostsOfCase = ghostList(list);
      if (!ghostsOfCase.length) continue;
      entries.splice(anchor + 1, 0, [key, ghostsOfCase]);
      anchor += 1;
    }
    return Object.fromEntries(entries);
  }

  /**
   * Fork branches: each older branch goes with the newer branch it shares the most tasks with; an
   * older branch sharing none comes back as a ghost branch after its older neighbour.
   */
  function mergeBranches(newer: WorkflowTask[][], older: WorkflowTask[][]): WorkflowTask[][] {
    const newerRefs = newer.map(refsIn);
    const pairOf = new Map<number, number>(); // older index → newer index
    const taken = new Set<number>();
    older.forEach((branch, i) => {
      const refs = refsIn(branch);
      let best = -1;
      let bestCount = 0;
      newerRefs.forEach((nr, j) => {
        if (taken.has(j)) return;
        let count = 0;
        for (const r of refs) if (nr.has(r)) count += 1;
        if (count > bestCount) [best, bestCount] = [j, count];
      });
      if (best >= 0) {
        pairOf.set(i, best);
        taken.add(best);
      }
    });
    const olderOf = new Map([...pairOf].map(([i, j]) => [j, i]));
    const out = newer.map((branch, j) => {
      const i = olderOf.get(j);
      return mergeList(branch, i === undefined ? [] : older[i]!);
    });
    // Ghost branches: after the merged branch of the nearest older branch before them.
    let position = newer.map((_, j) => j); // merged index of each newer branch
    let anchor = -1;
    older.forEach((branch, i) => {
      const j = pairOf.get(i);
      if (j !== undefined) {
        anchor = position[j]!;
        return;
      }
      const ghostBranch = ghostList(branch);
      if (!ghostBranch.length) return;
      out.splice(anchor + 1, 0, ghostBranch);
      const from = anchor;
      position = position.map((p) => (p > from ? p + 1 : p));
      anchor += 1;
    });
    return out;
  }

  const tasks = mergeList(newer.tasks ?? [], older.tasks ?? []);
  return { def: { ...newer, tasks }, ghosts };
}
