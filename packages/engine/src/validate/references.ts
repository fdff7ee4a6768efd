/**
 * Cross-node checks: unique reference names, FORK_JOIN/JOIN pairing, and `${ref...}` input
 * expressions that name no task of the definition.
 * @module
 */
import { findExpressions, SYSTEM_PARAMETERS } from '../params/resolve-params.js';
import { isValidJsonPath } from '../params/json-path.js';
import type { IssueCollector } from './issues.js';
import { isRecord, joinPath } from './issues.js';
import { LOOP_SUFFIX_DELIMITER } from '../params/params-document.js';
import { collectRefs, walkTasks, type TaskNode } from './walk-tasks.js';

/** Reports every repeated taskReferenceName at the repeat's path. */
export function checkDuplicateRefs(
  nodes: TaskNode[],
  workflowName: string,
  issues: IssueCollector,
): void {
  const seen = new Set<string>();
  for (const { task, path } of nodes) {
    if (
      !isRecord(task) ||
      typeof task.taskReferenceName !== 'string' ||
      task.taskReferenceName === ''
    )
      continue;
    const ref = task.taskReferenceName;
    if (seen.has(ref)) {
      issues.add(
        joinPath(path, 'taskReferenceName'),
        `taskReferenceName: ${ref} should be unique across tasks for a given workflowDefinition: ${workflowName}`,
        ref,
      );
    }
    seen.add(ref);
  }
}

/**
 * Stricter than Conductor: a FORK_JOIN/FORK_JOIN_DYNAMIC must be followed by a JOIN (Conductor fails
 * the workflow at runtime), a JOIN after a FORK_JOIN may only wait on tasks of that fork, and any
 * JOIN/EXCLUSIVE_JOIN may only name refs that exist (else it waits forever).
 */
export function checkForkJoinPairs(
  node: TaskNode,
  allRefs: Set<string>,
  issues: IssueCollector,
): void {
  const { task, path, siblings, index } = node;
  if (!isRecord(task)) return;
  const type = task.type;
  const ref = String(task.taskReferenceName ?? '');
  if (type === 'FORK_JOIN' || type === 'FORK_JOIN_DYNAMIC') {
    const next = siblings[index + 1];
    if (!isRecord(next) || next.type !== 'JOIN') {
      issues.add(
        joinPath(path, 'type'),
        `${type} ${ref} must be followed by a JOIN task; Conductor would fail the workflow at runtime (Fork task definition is not followed by a join task)`,
        type,
      );
    }
    return;
  }
  if ((type !== 'JOIN' && type !== 'EXCLUSIVE_JOIN') || !Array.isArray(task.joinOn)) return;
  const previous = siblings[index - 1];
  const forkRefs =
    type === 'JOIN' &&
    isRecord(previous) &&
    previous.type === 'FORK_JOIN' &&
    Array.isArray(previous.forkTasks)
      ? new Set(collectRefs(previous.forkTasks.filter(Array.isArray).flat()))
      : null;
  if (type === 'JOIN' && isRecord(previous) && previous.type === 'FORK_JOIN_DYNAMIC') return;
  task.joinOn.forEach((joined, i) => {
    if (typeof joined !== 'string') return;
    if (forkRefs && !forkRefs.has(joined)) {
      issues.add(
        joinPath(joinPath(path, 'joinOn'), i),
        `joinOn: ${joined} is not a task of the FORK_JOIN ${String(previous && isRecord(previous) ? previous.taskReferenceName : '')} before JOIN ${ref}, so the JOIN would wait forever`,
        joined,
      );
    } else if (!forkRefs && !allRefs.has(joined)) {
      issues.add(
        joinPath(joinPath(path, 'joinOn'), i),
        `joinOn: ${joined} is not a taskReferenceName in this workflow definition, so ${type} ${ref} would wait forever`,
        joined,
      );
    }
  });
}

/**
 * Reports `${x...}` expressions in a node's inputParameters (nested maps and lists included) whose
 * source `x` is not `workflow`, a system parameter or a ref of the definition, with Conductor's
 * message; and expressions whose path is not valid JSONPath.
 */
export function checkInputReferences(
  node: TaskNode,
  allRefs: Set<string>,
  issues: IssueCollector,
): void {
  const { task, path } = node;
  if (!isRecord(task) || !isRecord(task.inputParameters)) return;
  const taskName = String(task.name ?? '');
  const visit = (value: unknown, key: string, valuePath: string): void => {
    if (typeof value === 'string') {
      for (const expression of expressionPaths(value)) {
        const source = /^[^.[]*/.exec(expression)?.[0] ?? '';
        if (source === 'workflow' || allRefs.has(source) || isSystemParameter(expression)) {
          if (!isValidJsonPath(expression) && !isSystemParameter(expression)) {
            issues.add(
              valuePath,
              `key: ${key} input parameter value: ${expression} is not valid`,
              value,
            );
          }
          continue;
        }
        issues.add(
          valuePath,
          `taskReferenceName: ${source} for given task: ${taskName} input value: ${key} of input parameter: ${value} is not defined in workflow definition.`,
          value,
        );
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, key, joinPath(valuePath, i)));
    } else if (isRecord(value)) {
      for (const [k, item] of Object.entries(value)) visit(item, k, joinPath(valuePath, k));
    }
  };
  const base = joinPath(path, 'inputParameters');
  for (const [key, value] of Object.entries(task.inputParameters))
    visit(value, key, joinPath(base, key));
}

/** The inner paths of the `${...}` expressions in `text`, skipping blank and nested ones. */
function expressionPaths(text: string): string[] {
  return findExpressions(text)
    .map(({ start, end }) => text.slice(start + 2, end - 1).trim())
    .filter((p) => p !== '' && !p.includes('${'));
}

function isSystemParameter(path: string): boolean {
  return (SYSTEM_PARAMETERS as readonly string[]).includes(path);
}

/**
 * Stricter than Conductor: inside a DO_WHILE body a reference name must not contain `__`, the
 * iteration delimiter (`step__2`); Conductor splits on the first `__`, so such refs break the loop's
 * bookkeeping at runtime.
 */
export function checkLoopRefs(node: TaskNode, issues: IssueCollector): void {
  const { task, path } = node;
  if (!isRecord(task) || task.type !== 'DO_WHILE' || !Array.isArray(task.loopOver)) return;
  const loopRef = String(task.taskReferenceName ?? '');
  walkTasks(task.loopOver, joinPath(path, 'loopOver'), ({ task: inner, path: innerPath }) => {
    if (!isRecord(inner) || typeof inner.taskReferenceName !== 'string') return;
    if (!inner.taskReferenceName.includes(LOOP_SUFFIX_DELIMITER)) return;
    issues.add(
      joinPath(innerPath, 'taskReferenceName'),
      `taskReferenceName: ${inner.taskReferenceName} inside DO_WHILE ${loopRef} must not contain "__", the loop iteration delimiter`,
      inner.taskReferenceName,
    );
  });
}

/** EXCLUSIVE_JOIN: every `defaultExclusiveJoinTask` entry must be a ref of the definition. */
export function checkExclusiveJoinDefaults(
  node: TaskNode,
  allRefs: Set<string>,
  issues: IssueCollector,
): void {
  const { task, path } = node;
  if (!isRecord(task) || task.type !== 'EXCLUSIVE_JOIN') return;
  if (!Array.isArray(task.defaultExclusiveJoinTask)) return;
  task.defaultExclusiveJoinTask.forEach((ref, i) => {
    if (typeof ref === 'string' && !allRefs.has(ref)) {
      issues.add(
        joinPath(joinPath(path, 'defaultExclusiveJoinTask'), i),
        `defaultExclusiveJoinTask: ${ref} is not a taskReferenceName in this workflow definition`,
        ref,
      );
    }
  });
}
