import { describe, expect, it } from 'vitest';
import type { WorkflowTestCase } from '@baton/client';
import { traceRun } from '../model/test-cases.js';
import { nestedDef } from '../model/fixtures.test-util.js';
import { caseKeyOf, caseState, coverageTraces, defKeyOf, stableJson } from './results.js';

const def = nestedDef();
const testCase: WorkflowTestCase = { name: 'one', input: { a: 1, b: 2 } };
const trace = traceRun(def, { status: 'COMPLETED', output: {}, tasks: [] });
const resultOf = (d = def, c = testCase, failures: string[] = []) => ({
  trace,
  failures,
  defKey: defKeyOf(d),
  caseKey: caseKeyOf(c),
});

describe('stale results', () => {
  it('gives one text whatever the key order', () => {
    expect(stableJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: 2 } })).toBe(
      '{"a":{"c":2,"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('is fresh for the same definition and case, stale once either changed', () => {
    const now = { defKey: defKeyOf(def), caseKey: caseKeyOf(testCase) };
    expect(caseState(resultOf(), now)).toEqual({ outcome: 'passed', stale: false });
    expect(caseState(resultOf(def, testCase, ['x']), now)).toEqual({
      outcome: 'failed',
      stale: false,
    });
    const edited = { ...def, description: 'edited' };
    expect(caseState(resultOf(), { ...now, defKey: defKeyOf(edited) }).stale).toBe(true);
    const otherInput = caseKeyOf({ ...testCase, input: { a: 2, b: 2 } });
    expect(caseState(resultOf(), { ...now, caseKey: otherInput }).stale).toBe(true);
    // Same content in another key order, or a new name only: still fresh.
    expect(caseKeyOf({ name: 'renamed', input: { b: 2, a: 1 } })).toBe(caseKeyOf(testCase));
    expect(caseState(undefined, now)).toEqual({ outcome: 'not run', stale: false });
  });

  it('computes coverage only once every case has a trace, flagged stale after an edit', () => {
    const other: WorkflowTestCase = { name: 'two' };
    const results = new Map([['one', resultOf()]]);
    expect(coverageTraces([testCase, other], results, def)).toBeNull();
    expect(coverageTraces([], results, def)).toBeNull();
    expect(coverageTraces([testCase], results, def)).toEqual({ traces: [trace], stale: false });
    const edited = { ...def, tasks: def.tasks.slice(1) };
    expect(coverageTraces([testCase], results, edited)?.stale).toBe(true);
    const failedRequest = new Map([['one', { ...resultOf(), trace: null }]]);
    expect(coverageTraces([testCase], failedRequest, def)).toBeNull();
  });
});
