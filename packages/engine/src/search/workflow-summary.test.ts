import { describe, expect, it } from 'vitest';
import type { Workflow } from '../model/workflow.js';
import { toWorkflowSummary } from './workflow-summary.js';

const base: Workflow = {
  workflowId: 'wf-1',
  workflowName: 'orders',
  workflowVersion: 2,
  status: 'FAILED',
  correlationId: 'c-1',
  input: { a: 1 },
  output: { b: [true] },
  variables: {},
  tasks: [],
  createTime: Date.UTC(2026, 0, 2, 3, 4, 5, 6),
  startTime: Date.UTC(2026, 0, 2, 3, 4, 5, 6),
  updateTime: Date.UTC(2026, 0, 2, 3, 4, 7, 0),
  endTime: Date.UTC(2026, 0, 2, 3, 4, 8, 6),
  reasonForIncompletion: 'boom',
  failedReferenceTaskNames: ['t1', 't2'],
  failedTaskNames: ['task_1', 'task_2'],
  priority: 5,
  taskToDomain: { '*': 'blue' },
  workflowDefinition: { name: 'orders', tasks: [] },
};

describe('toWorkflowSummary', () => {
  it('converts times, payloads and failed names to Conductor shapes', () => {
    expect(toWorkflowSummary(base)).toEqual({
      workflowType: 'orders',
      version: 2,
      workflowId: 'wf-1',
      correlationId: 'c-1',
      startTime: '2026-01-02T03:04:05.006Z',
      updateTime: '2026-01-02T03:04:07.000Z',
      endTime: '2026-01-02T03:04:08.006Z',
      status: 'FAILED',
      input: '{"a":1}',
      output: '{"b":[true]}',
      reasonForIncompletion: 'boom',
      executionTime: 3000,
      event: null,
      failedReferenceTaskNames: 't1,t2',
      failedTaskNames: ['task_1', 'task_2'],
      priority: 5,
      createdBy: null,
      taskToDomain: { '*': 'blue' },
      idempotencyKey: null,
      parentWorkflowId: '',
    });
  });

  it('leaves endTime out and executionTime at 0 while running, and keeps the parent id', () => {
    const running = { ...base, status: 'RUNNING' as const, endTime: 0, parentWorkflowId: 'p-1' };
    const summary = toWorkflowSummary(running);
    expect(summary.endTime).toBeUndefined();
    expect(summary.executionTime).toBe(0);
    expect(summary.parentWorkflowId).toBe('p-1');
  });
});
