/**
 * The test cases' sidecar file, `<name>.tests.json`, exported and imported beside the definition
 * so that the definition's JSON stays exactly Conductor's.
 * @module
 */
import type { WorkflowTestCase } from '@baton/client';
import type { WorkflowDef } from '@baton/engine';

/** Most cases a sidecar may bring (the server keeps at most as many). */
const MAX_CASES = 100;

/** `frozen_burrito.tests.json`. */
export function testsFileName(def: WorkflowDef): string {
  return `${(def.name || 'workflow').replace(/[^\w.-]+/g, '_')}.tests.json`;
}

/** The sidecar's text: the workflow name and its test cases. */
export function toTestsSidecar(def: WorkflowDef, testCases: readonly WorkflowTestCase[]): string {
  return `${JSON.stringify({ workflow: def.name, testCases }, null, 2)}\n`;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The cases of a sidecar's text, or why it is not one. */
export function parseTestsSidecar(
  text: string,
): { workflow: string | null; testCases: WorkflowTestCase[] } | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return `not JSON (${e instanceof Error ? e.message : String(e)})`;
  }
  if (!isObject(parsed) || !Array.isArray(parsed['testCases']))
    return 'expected {"workflow": …, "testCases": [...]}';
  const list = parsed['testCases'] as unknown[];
  if (list.length > MAX_CASES) return `more than ${MAX_CASES} test cases`;
  const names = new Set<string>();
  for (const [i, c] of list.entries()) {
    if (!isObject(c) || typeof c['name'] !== 'string' || c['name'].trim() === '')
      return `testCases[${i}] has no name`;
    if (names.has(c['name'])) return `testCases[${i}].name repeats ${c['name']}`;
    names.add(c['name']);
    for (const key of ['input', 'taskRefToMockOutput', 'expect'])
      if (c[key] !== undefined && !isObject(c[key]))
        return `testCases[${i}].${key} is not an object`;
  }
  const workflow = typeof parsed['workflow'] === 'string' ? parsed['workflow'] : null;
  return { workflow, testCases: list as WorkflowTestCase[] };
}
