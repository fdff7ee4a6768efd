import { describe, expect, it } from 'vitest';
import { task, workflow } from '../conformance/fixtures.js';
import { MemoryExecutionStore } from './memory-execution-store.js';

describe('MemoryExecutionStore hand-over', () => {
  it('freezes the tasks and values a write hands over, so later changes fail loudly', async () => {
    const store = new MemoryExecutionStore();
    const wf = workflow('handover', { input: { list: [1] } });
    const first = task(wf, 1, { outputData: { n: 1 } });
    wf.tasks = [first];
    await store.createExecution(wf);
    expect(() => {
      first.status = 'FAILED';
    }).toThrow(TypeError);
    expect(() => (wf.input.list as number[]).push(2)).toThrow(TypeError);

    const second = task(wf, 2);
    await store.saveExecution({
      workflow: { ...wf, tasks: [first, second] },
      expectedRevision: 1,
      upsertTasks: [second],
      deleteTaskIds: [],
    });
    expect(() => {
      second.inputData.x = 1;
    }).toThrow(TypeError);
    // The workflow object and its task list stay the caller's.
    wf.tasks.push(second);
    expect(wf.tasks).toHaveLength(2);
  });
});
