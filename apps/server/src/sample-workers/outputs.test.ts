import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SAMPLE_OUTPUTS, SAMPLE_TASK_TYPES } from './outputs.js';
import { sampleWorkerKey } from './controller.js';

const taskDefs = JSON.parse(
  readFileSync(new URL('../../../../examples/task-defs.json', import.meta.url), 'utf8'),
) as Array<{ name: string }>;

describe('sample worker outputs', () => {
  it('cover every worker task type of the examples (examples/task-defs.json)', () => {
    expect([...SAMPLE_TASK_TYPES].sort()).toEqual(taskDefs.map((d) => d.name).sort());
  });

  it('read the input like a kitchen would', () => {
    expect(SAMPLE_OUTPUTS['get_bread']!({ breadType: 'rye', slices: 2 })).toEqual({
      breadType: 'rye',
      slices: ['rye slice 1', 'rye slice 2'],
    });
    expect(SAMPLE_OUTPUTS['get_peanut_butter']!({ crunchy: true })).toEqual({
      jar: 'crunchy peanut butter',
    });
    expect(SAMPLE_OUTPUTS['zap']!({ burrito: 'b', seconds: 90 })).toEqual({
      burrito: 'b, microwaved 90 s',
    });
    expect(SAMPLE_OUTPUTS['reserve_item']!({ items: [{ sku: 'tea', qty: 2 }], index: 1 })).toEqual({
      reserved: true,
      sku: 'tea',
      qty: 2,
    });
  });

  it('survive hostile or missing input without throwing, and bound what they build', () => {
    const hostile = [
      {},
      { slices: 1e9, breadType: { toString: 1 }, items: 'x', index: -1, seconds: 'NaN' },
      { items: [null, 1, 'a'], index: 2 ** 40, burrito: ['x'] },
    ];
    for (const [type, output] of Object.entries(SAMPLE_OUTPUTS)) {
      for (const input of hostile) {
        const out = output(input as Record<string, unknown>);
        expect(JSON.stringify(out).length, type).toBeLessThan(2_000);
      }
    }
    expect(SAMPLE_OUTPUTS['get_bread']!({ slices: 1e9 })['slices']).toHaveLength(8);
  });

  it('poll with a worker key, else an admin one, and without a key on an open server', () => {
    expect(sampleWorkerKey([])).toBeUndefined();
    expect(
      sampleWorkerKey([
        { key: 'a', role: 'admin' },
        { key: 'w', role: 'worker' },
      ]),
    ).toBe('w');
    expect(sampleWorkerKey([{ key: 'a', role: 'admin' }])).toBe('a');
    expect(sampleWorkerKey([{ key: 'v', role: 'viewer' }])).toBeUndefined();
  });
});
