import { describe, expect, it } from 'vitest';
import type { Task } from '../model/task.js';
import { toTaskSummary } from './task-summary.js';

const base = {
  taskId: 't1',
  taskType: 'SIMPLE',
  taskDefName: 'work',
  referenceTaskName: 'work_ref',
  status: 'COMPLETED',
  inputData: { a: 1 },
  outputData: { b: 'x' },
  workflowInstanceId: 'w1',
  workflowType: 'flow',
  workflowPriority: 3,
  scheduledTime: Date.UTC(2026, 0, 1, 0, 0, 0),
  startTime: Date.UTC(2026, 0, 1, 0, 0, 2),
  endTime: Date.UTC(2026, 0, 1, 0, 0, 7),
  updateTime: Date.UTC(2026, 0, 1, 0, 0, 7),
} as unknown as Task;

describe('toTaskSummary', () => {
  it('gives ISO times, JSON input/output and the queue wait and execution times', () => {
    expect(toTaskSummary(base)).toMatchObject({
      workflowId: 'w1',
      workflowType: 'flow',
      scheduledTime: '2026-01-01T00:00:00.000Z',
      startTime: '2026-01-01T00:00:02.000Z',
      endTime: '2026-01-01T00:00:07.000Z',
      executionTime: 5000,
      queueWaitTime: 2000,
      input: '{"a":1}',
      output: '{"b":"x"}',
      workflowPriority: 3,
      correlationId: null,
      domain: null,
    });
  });

  it('reports 0 for the times of a task that has not started or ended', () => {
    const s = toTaskSummary({ ...base, status: 'SCHEDULED', startTime: 0, endTime: 0 });
    expect([s.executionTime, s.queueWaitTime, s.endTime]).toEqual([
      0,
      0,
      '1970-01-01T00:00:00.000Z',
    ]);
  });
});
