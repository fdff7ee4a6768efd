import { describe, expect, it } from 'vitest';
import { applyScriptResult } from '../decider/tasks/script.js';
import { exceedsJsonDepth, MAX_JSON_DEPTH } from './json-depth.js';
import type { Task } from './task.js';

/** An array nested `depth` levels deep ([] is 1). */
function nested(depth: number): unknown[] {
  let value: unknown[] = [];
  for (let i = 1; i < depth; i += 1) value = [value];
  return value;
}

describe('exceedsJsonDepth', () => {
  it('counts objects and arrays, not scalars', () => {
    expect(exceedsJsonDepth('text', 0)).toBe(false);
    expect(exceedsJsonDepth({}, 0)).toBe(true);
    expect(exceedsJsonDepth({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(exceedsJsonDepth({ a: [{ b: {} }] }, 3)).toBe(true);
  });

  it('allows the limit and refuses one level more', () => {
    expect(exceedsJsonDepth(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(exceedsJsonDepth({ wrapped: nested(MAX_JSON_DEPTH) })).toBe(true);
  });

  it('walks a value far deeper than the stack allows without overflowing', () => {
    expect(exceedsJsonDepth(nested(200_000))).toBe(true);
  });

  it('fails a script whose result nests too deep instead of storing it', () => {
    const task = { taskType: 'INLINE' } as Task;
    const patch = applyScriptResult(task, { type: 'ok', value: nested(6000) }, 5);
    expect([patch.status, patch.reasonForIncompletion]).toEqual([
      'FAILED_WITH_TERMINAL_ERROR',
      `result nests deeper than ${MAX_JSON_DEPTH} levels`,
    ]);
  });
});
