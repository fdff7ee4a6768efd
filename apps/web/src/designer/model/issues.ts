/**
 * Designer-side problems: structural checks the canvas cares about, merged with the engine's
 * validator and the server's answer, and mapped back onto the task they concern.
 * @module
 */
import type { ValidationIssue, WorkflowDef } from '@baton/engine';
import { walkTasks } from './slots.js';

/** A problem shown in the problems list and on the node. */
export interface DesignerIssue extends ValidationIssue {
  /** The task the problem concerns, when one could be identified. */
  ref?: string;
  source: 'designer' | 'engine' | 'server' | 'json';
}

const at = (path: (string | number)[], key: string) =>
  [...path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)), `.${key}`]
    .join('')
    .replace(/^\./, '');

/** Structural checks that the reference server does not make but that always break a run. */
export function designerChecks(def: WorkflowDef): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  walkTasks(def, ({ task, index, path, siblings }) => {
    const ref = task.taskReferenceName;
    if (!ref)
      issues.push({
        path: at(path, 'taskReferenceName'),
        message: 'taskReferenceName is required',
        invalidValue: ref,
      });
    else if (seen.has(ref))
      issues.push({
        path: at(path, 'taskReferenceName'),
        message: `taskReferenceName: ${ref} is used more than once`,
        invalidValue: ref,
      });
    seen.add(ref);
    if (!task.name)
      issues.push({ path: at(path, 'name'), message: 'name is required', invalidValue: task.name });
    const type = task.type ?? 'SIMPLE';
    const next = siblings[index + 1];
    if ((type === 'FORK_JOIN' || type === 'FORK_JOIN_DYNAMIC') && next?.type !== 'JOIN')
      issues.push({
        path: at(path, 'type'),
        message: `${type} ${ref} must be followed by a JOIN`,
        invalidValue: type,
      });
    if (type === 'SWITCH' && Object.keys(task.decisionCases ?? {}).length === 0)
      issues.push({
        path: at(path, 'decisionCases'),
        message: 'a SWITCH needs at least one case',
        invalidValue: task.decisionCases,
      });
    if (type === 'DO_WHILE' && (task.loopOver ?? []).length === 0)
      issues.push({
        path: at(path, 'loopOver'),
        message: 'the loop body is empty',
        invalidValue: task.loopOver,
      });
    if (
      type === 'SUB_WORKFLOW' &&
      !task.subWorkflowParam?.name &&
      !task.subWorkflowParam?.workflowDefinition
    )
      issues.push({
        path: at(path, 'subWorkflowParam'),
        message: 'choose the workflow to run',
        invalidValue: task.subWorkflowParam,
      });
  });
  walkTasks(def, ({ task, path }) => {
    for (const r of task.joinOn ?? [])
      if (!seen.has(r))
        issues.push({
          path: at(path, 'joinOn'),
          message: `joinOn names ${r}, which is not a task of this workflow`,
          invalidValue: r,
        });
  });
  return issues;
}

/** Splits a path such as `tasks[2].forkTasks[0][1].name` or `tasks/2/name` into segments. */
export function pathSegments(path: string): string[] {
  return (path.match(/"(?:[^"\\]|\\.)*"|'[^']*'|[^.[\]/'"]+/g) ?? []).map((s) =>
    s.startsWith('"') || s.startsWith("'") ? s.slice(1, -1) : s,
  );
}

/**
 * Path segments of an issue relative to the definition. The server says where in the request a
 * problem is: `body.tasks[0]…` (or `body[0].tasks[0]…` for a bulk update) for a request-schema
 * error, `workflowDef…` or `workflowDefs[0]…` for the engine's; those leading segments go.
 */
function defSegments(path: string): string[] {
  const segs = pathSegments(path);
  const isIndex = (s: string | undefined) => s !== undefined && /^\d+$/.test(s);
  if (segs[0] === 'body') segs.splice(0, isIndex(segs[1]) ? 2 : 1);
  else if (segs[0] === 'workflowDef') segs.shift();
  else if (segs[0] === 'workflowDefs' && isIndex(segs[1])) segs.splice(0, 2);
  return segs;
}

/**
 * Drops each issue that another one reports something below (`a.b` when `a.b.c` is there too). A
 * request-schema answer explains one bad field with extra entries on its ancestors (the branches
 * of an `anyOf` it failed); the deepest entry is the one that names the field.
 */
export function deepestIssues<T extends ValidationIssue>(issues: readonly T[]): T[] {
  const segs = issues.map((i) => pathSegments(i.path ?? ''));
  return issues.filter((_, n) =>
    segs.every(
      (other, m) =>
        m === n || other.length <= segs[n]!.length || segs[n]!.some((s, k) => other[k] !== s),
    ),
  );
}

/** Attaches each issue to the deepest task whose path prefixes the issue's path (or named in it). */
export function attachRefs(
  def: WorkflowDef,
  issues: readonly ValidationIssue[],
  source: DesignerIssue['source'],
): DesignerIssue[] {
  const tasks: { segs: string[]; ref: string }[] = [];
  walkTasks(def, ({ task, path }) =>
    tasks.push({ segs: path.map(String), ref: task.taskReferenceName }),
  );
  return issues.map((issue) => {
    const segs = defSegments(issue.path ?? '');
    let best: { segs: string[]; ref: string } | undefined;
    for (const t of tasks) {
      if (t.segs.length <= segs.length && t.segs.every((s, i) => segs[i] === s))
        if (!best || t.segs.length > best.segs.length) best = t;
    }
    const named = best
      ? undefined
      : tasks.find((t) => issue.message.includes(`taskReferenceName: ${t.ref} `));
    const ref = best?.ref ?? named?.ref;
    return { ...issue, source, ...(ref ? { ref } : {}) };
  });
}

/** Groups issue messages by task reference name, for the node badges. */
export function issuesByRef(issues: readonly DesignerIssue[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const i of issues) if (i.ref) map.set(i.ref, [...(map.get(i.ref) ?? []), i.message]);
  return map;
}
