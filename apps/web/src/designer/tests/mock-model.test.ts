import { describe, expect, it } from 'vitest';
import {
  addAttempt,
  addMockedTask,
  mocksText,
  orderedRefs,
  moveAttempt,
  parseMocks,
  parseOutput,
  removeAttempt,
  removeMockedTask,
  unmockedRefs,
  updateAttempt,
  type Mocks,
} from './mock-model.js';

const base = (): Mocks => ({
  heat: [{ status: 'COMPLETED', output: {} }],
  bake: [{ status: 'FAILED' }, { status: 'COMPLETED', output: { burrito: 'hot' } }],
});

describe('editing mocks', () => {
  it('adds a task with one completed attempt, keeping one already mocked', () => {
    const m = base();
    expect(addMockedTask(m, 'wrap').wrap).toEqual([{ status: 'COMPLETED', output: {} }]);
    expect(addMockedTask(m, 'bake')).toBe(m);
    expect(Object.keys(removeMockedTask(m, 'heat'))).toEqual(['bake']);
    expect(m.heat).toHaveLength(1);
  });

  it('adds, updates, removes and reorders attempts without touching the original', () => {
    const m = base();
    const three = addAttempt(m, 'bake');
    expect(three.bake).toHaveLength(3);
    const failedTerminal = updateAttempt(three, 'bake', 2, {
      status: 'FAILED_WITH_TERMINAL_ERROR',
    });
    expect(failedTerminal.bake?.[2]).toEqual({ status: 'FAILED_WITH_TERMINAL_ERROR', output: {} });
    const moved = moveAttempt(failedTerminal, 'bake', 2, -2);
    expect(moved.bake?.map((a) => a.status)).toEqual([
      'FAILED_WITH_TERMINAL_ERROR',
      'FAILED',
      'COMPLETED',
    ]);
    expect(removeAttempt(moved, 'bake', 0).bake?.map((a) => a.status)).toEqual([
      'FAILED',
      'COMPLETED',
    ]);
    expect(m).toEqual(base());
  });

  it('does not move an attempt past either end', () => {
    const m = base();
    expect(moveAttempt(m, 'bake', 0, -1)).toBe(m);
    expect(moveAttempt(m, 'bake', 1, 1)).toBe(m);
    expect(moveAttempt(m, 'nope', 0, 1)).toBe(m);
  });

  it('shows mocked tasks in definition order, then references the definition lacks', () => {
    const stored: Mocks = { zz_dynamic_1: [], bake: [], heat: [] };
    expect(orderedRefs(['heat', 'wrap', 'bake'], stored)).toEqual(['heat', 'bake', 'zz_dynamic_1']);
  });

  it('offers the worker tasks not mocked yet, in definition order', () => {
    expect(unmockedRefs(['heat', 'wrap', 'bake', 'eat'], base())).toEqual(['wrap', 'eat']);
  });
});

describe('parsing what people type', () => {
  it('reads an output object and names the field when it is not one', () => {
    expect(parseOutput(' ', 'bake, attempt 1, output')).toEqual({ ok: true, value: {} });
    expect(parseOutput('{"a": 1}', 'x')).toEqual({ ok: true, value: { a: 1 } });
    const bad = parseOutput('{"a": ', 'bake, attempt 2, output');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/^bake, attempt 2, output: /);
    expect(parseOutput('[1]', 'bake, attempt 2, output')).toEqual({
      ok: false,
      error: 'bake, attempt 2, output: expected a JSON object',
    });
  });

  it('round-trips the JSON view', () => {
    expect(parseMocks(mocksText(base()))).toEqual({ ok: true, value: base() });
  });

  it('refuses hostile JSON, naming the field', () => {
    const error = (text: string) => {
      const r = parseMocks(text);
      return r.ok ? null : r.error;
    };
    expect(error('[]')).toBe('Mocked task results: expected a JSON object');
    expect(error('{"bake": {"status": "FAILED"}}')).toMatch(/^bake: expected a list/);
    expect(error('{"bake": [{"status": "DONE"}]}')).toBe(
      'bake[0].status: "DONE" is not one of COMPLETED, FAILED, FAILED_WITH_TERMINAL_ERROR, IN_PROGRESS',
    );
    expect(error('{"bake": [{}, {"output": [1]}]}')).toBe('bake[1].output: expected a JSON object');
    expect(error('{"bake": [{"evil": 1}]}')).toBe('bake[0].evil: unknown field (status, output)');
    expect(error('{"bake": [null]}')).toBe('bake[0]: expected a JSON object');
    expect(error('{" ": []}')).toBe('A mock needs a task reference name');
    expect(error('{"a":')).toMatch(/^Mocked task results: /);
  });
});
