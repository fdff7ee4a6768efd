import { describe, expect, it } from 'vitest';
import { createHarness, simple } from './harness.testkit.js';

describe('executor basics', () => {
  it('runs a sequence of worker tasks to completion with workflow outputParameters', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      tasks: [simple('a'), simple('b', 'b', { inputParameters: { x: '${a.output.x}' } })],
      outputParameters: { result: '${b.output.y}', fromA: '${a.output.x}' },
    });
    const id = await h.start('wf', { n: 1 });
    await h.complete('a', { x: 41 });
    const b = await h.complete('b', { y: 42 });
    expect(b.inputData).toEqual({ x: 41 });
    const wf = await h.workflow(id);
    expect(wf.status).toBe('COMPLETED');
    expect(wf.output).toEqual({ result: 42, fromA: 41 });
    expect(wf.tasks.map((t) => [t.referenceTaskName, t.seq, t.status])).toEqual([
      ['a', 1, 'COMPLETED'],
      ['b', 2, 'COMPLETED'],
    ]);
  });
});
