/**
 * Reference names as Conductor reads them inside `${...}`: which names it can resolve, and
 * renaming a task's uses when its reference name changes.
 *
 * Conductor resolves `${ref.output.x}` as a JSONPath over a document keyed by reference name
 * (`workflow` is the workflow's own entry), reading a dotted name up to `.`, `[`, a blank or `(`;
 * `{` and `}` end the `${...}` itself (see docs/conductor-compatibility.md, "Parameter resolution").
 * @module
 */
import type { WorkflowDef } from '@baton/engine';
import { walkTasks } from './slots.js';

const UNRESOLVABLE = /[\s.[\](){}$@*'",\\]/;

/** Why Conductor could not resolve `${ref…}` for this reference name, or null when it can. */
export function refNameProblem(ref: string, def?: WorkflowDef, current?: string): string | null {
  if (ref.trim() === '') return 'A reference name is required.';
  const bad = UNRESOLVABLE.exec(ref);
  if (bad)
    return `"${bad[0] === ' ' ? 'a space' : bad[0]}" cannot be used: Conductor could not read \${${ref}.output} (use letters, digits, _ and -).`;
  if (ref === 'workflow') return '"workflow" is reserved: ${workflow…} reads the workflow itself.';
  if (def && ref !== current) {
    let taken = false;
    walkTasks(def, ({ task }) => {
      if (task.taskReferenceName === ref) taken = true;
    });
    if (taken) return `Another task already uses the reference name ${ref}.`;
  }
  return null;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `${ref.`, `${ref[` and `${ref}`: the expressions that read a task by its reference name. */
const exprPattern = (ref: string) => new RegExp(`\\$\\{${escape(ref)}(?=[.[}])`, 'g');
/** `$.ref` in a DO_WHILE loopCondition (its script sees each loop task by reference name). */
const loopPattern = (ref: string) => new RegExp(`\\$\\.${escape(ref)}(?![\\w-])`, 'g');

function mapStrings(
  value: unknown,
  fn: (s: string, key: string | null) => string,
  key: string | null = null,
): unknown {
  if (typeof value === 'string') return fn(value, key);
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const n = mapStrings(v, fn, key);
      if (n !== v) changed = true;
      return n;
    });
    return changed ? out : value;
  }
  if (value && typeof value === 'object') {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // The reference names themselves (and the join lists, kept by the rename) are not uses.
      const n = k === 'taskReferenceName' || k === 'joinOn' ? v : mapStrings(v, fn, k);
      if (n !== v) changed = true;
      out[k] = n;
    }
    return changed ? out : value;
  }
  return value;
}

function rewrite(
  def: WorkflowDef,
  from: string,
  to: string | null,
): { def: WorkflowDef; uses: number } {
  let uses = 0;
  const expr = exprPattern(from);
  const loop = loopPattern(from);
  const next = mapStrings(def, (s, key) => {
    let out = s.replace(expr, () => {
      uses++;
      return to === null ? `\${${from}` : `\${${to}`;
    });
    if (key === 'loopCondition')
      out = out.replace(loop, () => {
        uses++;
        return to === null ? `$.${from}` : `$.${to}`;
      });
    return to === null ? s : out;
  }) as WorkflowDef;
  return { def: to === null ? def : next, uses };
}

/** How many expressions read the task `ref` (`${ref…}`, and `$.ref` in loop conditions). */
export function countRefUses(def: WorkflowDef, ref: string): number {
  return rewrite(def, ref, null).uses;
}

/** Rewrites every expression reading task `from` to read `to` instead. */
export function renameRefUses(def: WorkflowDef, from: string, to: string): WorkflowDef {
  return rewrite(def, from, to).def;
}
