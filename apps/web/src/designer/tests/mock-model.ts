/**
 * The mocked task results of a test case (`taskRefToMockOutput`: per task reference, one entry per
 * attempt), as the Test tab's form and its JSON view edit them. Pure functions: each returns a new
 * map and leaves its argument alone. See docs/workflow-tests.md.
 * @module
 */
import type { TaskMock } from '@baton/client';

/** Per task reference, the results its attempts get, in order. */
export type Mocks = Record<string, TaskMock[]>;
export type MockStatus = NonNullable<TaskMock['status']>;

/** The statuses a mocked attempt may have (those of WorkflowTestRequest's task mocks). */
export const MOCK_STATUSES: readonly MockStatus[] = [
  'COMPLETED',
  'FAILED',
  'FAILED_WITH_TERMINAL_ERROR',
  'IN_PROGRESS',
];

const newAttempt = (): TaskMock => ({ status: 'COMPLETED', output: {} });

const withList = (mocks: Mocks, ref: string, list: TaskMock[]): Mocks => ({
  ...mocks,
  [ref]: list,
});

/** Mocks `ref` with one completed attempt; unchanged when it is mocked already. */
export function addMockedTask(mocks: Mocks, ref: string): Mocks {
  return ref in mocks ? mocks : withList(mocks, ref, [newAttempt()]);
}

/** Stops mocking `ref` (the run then stops at that task, as Conductor's test endpoint does). */
export function removeMockedTask(mocks: Mocks, ref: string): Mocks {
  return Object.fromEntries(Object.entries(mocks).filter(([r]) => r !== ref));
}

/** Adds an attempt after the last one of `ref` (a retry). */
export function addAttempt(mocks: Mocks, ref: string): Mocks {
  return withList(mocks, ref, [...(mocks[ref] ?? []), newAttempt()]);
}

/** Removes attempt `index` of `ref`; the task stays mocked (with no attempt left, it stops the run). */
export function removeAttempt(mocks: Mocks, ref: string, index: number): Mocks {
  return withList(
    mocks,
    ref,
    (mocks[ref] ?? []).filter((_, i) => i !== index),
  );
}

/** Moves attempt `index` of `ref` by `delta` places; unchanged when that leaves the list. */
export function moveAttempt(mocks: Mocks, ref: string, index: number, delta: number): Mocks {
  const list = [...(mocks[ref] ?? [])];
  const to = index + delta;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return mocks;
  const [moved] = list.splice(index, 1);
  list.splice(to, 0, moved!);
  return withList(mocks, ref, list);
}

/** Replaces attempt `index` of `ref` with `patch` merged in. */
export function updateAttempt(
  mocks: Mocks,
  ref: string,
  index: number,
  patch: Partial<TaskMock>,
): Mocks {
  return withList(
    mocks,
    ref,
    (mocks[ref] ?? []).map((a, i) => (i === index ? { ...a, ...patch } : a)),
  );
}

/** The definition's worker tasks not mocked yet (what the form offers to add). */
export function unmockedRefs(mockable: readonly string[], mocks: Mocks): string[] {
  return mockable.filter((ref) => !(ref in mocks));
}

/**
 * The mocked references in the order the form shows them: the definition's order, then references
 * the definition does not have (stored JSON does not keep key order, so the map's order is not used).
 */
export function orderedRefs(mockable: readonly string[], mocks: Mocks): string[] {
  const known = mockable.filter((ref) => ref in mocks);
  const set = new Set(mockable);
  return [...known, ...Object.keys(mocks).filter((ref) => !set.has(ref))];
}

/** A parse result: the value, or a message that names the field. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function parseJson(text: string, field: string): Parsed<unknown> {
  try {
    return { ok: true, value: JSON.parse(text.trim() === '' ? '{}' : text) };
  } catch (e) {
    return { ok: false, error: `${field}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** An attempt's output text as an object; the error names `field` (e.g. `bake, attempt 2, output`). */
export function parseOutput(text: string, field: string): Parsed<Record<string, unknown>> {
  const parsed = parseJson(text, field);
  if (!parsed.ok) return parsed;
  if (!isObject(parsed.value)) return { ok: false, error: `${field}: expected a JSON object` };
  return { ok: true, value: parsed.value };
}

/** The JSON view's text as mocks, checked entry by entry; the error names the first bad field. */
export function parseMocks(text: string): Parsed<Mocks> {
  const parsed = parseJson(text, 'Mocked task results');
  if (!parsed.ok) return parsed;
  if (!isObject(parsed.value))
    return { ok: false, error: 'Mocked task results: expected a JSON object' };
  const out: Mocks = {};
  for (const [ref, list] of Object.entries(parsed.value)) {
    if (ref.trim() === '') return { ok: false, error: 'A mock needs a task reference name' };
    if (!Array.isArray(list))
      return {
        ok: false,
        error: `${ref}: expected a list of attempts, e.g. [{"status": "COMPLETED"}]`,
      };
    const attempts: TaskMock[] = [];
    for (const [i, attempt] of list.entries()) {
      const field = `${ref}[${i}]`;
      if (!isObject(attempt)) return { ok: false, error: `${field}: expected a JSON object` };
      const unknown = Object.keys(attempt).filter((k) => k !== 'status' && k !== 'output');
      if (unknown.length > 0)
        return { ok: false, error: `${field}.${unknown[0]}: unknown field (status, output)` };
      const { status, output } = attempt;
      if (status !== undefined && !MOCK_STATUSES.includes(status as MockStatus))
        return {
          ok: false,
          error: `${field}.status: ${JSON.stringify(status)} is not one of ${MOCK_STATUSES.join(', ')}`,
        };
      if (output !== undefined && !isObject(output))
        return { ok: false, error: `${field}.output: expected a JSON object` };
      attempts.push(attempt as TaskMock);
    }
    out[ref] = attempts;
  }
  return { ok: true, value: out };
}

/** The JSON view's text of the mocks. */
export function mocksText(mocks: Mocks): string {
  return JSON.stringify(mocks, null, 2);
}
