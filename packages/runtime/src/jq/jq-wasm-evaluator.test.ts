import { afterAll, describe, expect, it } from 'vitest';
import { JqWasmEvaluator } from './jq-wasm-evaluator.js';

describe.each(['thread', 'inline'] as const)('JqWasmEvaluator (%s)', (isolation) => {
  const jq = new JqWasmEvaluator({ isolation });
  afterAll(() => jq.dispose());

  it('selects a field', async () => {
    expect(await jq.transform('.a', { a: { b: [1, 2] } })).toEqual([{ b: [1, 2] }]);
  });

  it('returns every result of a stream in order', async () => {
    expect(await jq.transform('.[] | .x', [{ x: 1 }, { x: 'two' }, { x: null }])).toEqual([
      1,
      'two',
      null,
    ]);
  });

  it('builds objects', async () => {
    expect(await jq.transform('{a: .b}', { b: 'value' })).toEqual([{ a: 'value' }]);
  });

  it('returns a single array result as one result, not as a stream', async () => {
    expect(await jq.transform('[.[] | . * 2]', [1, 2, 3])).toEqual([[2, 4, 6]]);
  });

  it('returns no results for empty', async () => {
    expect(await jq.transform('empty', { a: 1 })).toEqual([]);
  });

  it('keeps strings that contain newlines intact', async () => {
    expect(await jq.transform('.s', { s: 'line 1\nline 2' })).toEqual(['line 1\nline 2']);
  });

  it('refuses an output over maxResultBytes, keeping a smaller one', async () => {
    const capped = new JqWasmEvaluator({ isolation, maxResultBytes: 1_000 });
    await expect(capped.transform('[range(1000)]', null)).rejects.toThrow(
      /^jq output is 3891 bytes, more than the limit of 1000 bytes$/,
    );
    expect(await capped.transform('[range(10)]', null)).toEqual([[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]]);
    await capped.dispose();
  });

  it('reports a compile error with jq message', async () => {
    await expect(jq.transform('.a |||', { a: 1 })).rejects.toThrow(/syntax error.*compile error/s);
  });

  it('reports a runtime error with jq own message', async () => {
    await expect(jq.transform('.a.array', { a: 'text' })).rejects.toThrow(
      /^Cannot index string with string "array"$/,
    );
  });

  it('reports error() values raised by the program', async () => {
    await expect(jq.transform('error("custom failure")', {})).rejects.toThrow('custom failure');
  });

  it('runs many transforms concurrently', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => jq.transform('.n + 1', { n: i })),
    );
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => [i + 1]));
  });
});

describe('JqWasmEvaluator (thread)', () => {
  it('stops a program that never ends at the time limit and keeps working', async () => {
    const jq = new JqWasmEvaluator({ timeoutMs: 300 });
    const started = Date.now();
    await expect(jq.transform('[repeat(1)]', {})).rejects.toThrow(
      'jq exceeded the time limit of 300 ms',
    );
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await jq.transform('.a', { a: 'after' })).toEqual(['after']);
    await jq.dispose();
  });
});
