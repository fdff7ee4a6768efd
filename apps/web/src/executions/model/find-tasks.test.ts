import { describe, expect, it } from 'vitest';
import { failedTaskRef, findItems, runningTaskRef } from './find-tasks.js';
import { makeTask } from './fixtures.test-util.js';

describe('find on an execution', () => {
  const tasks = [
    makeTask('a', { status: 'COMPLETED', seq: 1 }),
    makeTask('loop__1', { status: 'FAILED', seq: 2 }),
    makeTask('b', { status: 'IN_PROGRESS', seq: 3 }),
  ];

  it('names the failed task by its definition ref and the first running one', () => {
    expect(failedTaskRef(tasks)).toBe('loop');
    expect(runningTaskRef(tasks)).toBe('b');
    expect(failedTaskRef([makeTask('a', { status: 'COMPLETED' })])).toBeNull();
  });

  it('a failed task retried successfully is no longer the failed task', () => {
    const retried = [...tasks, makeTask('loop__1', { status: 'COMPLETED', seq: 4, retryCount: 1 })];
    expect(failedTaskRef(retried)).toBeNull();
  });

  it('lists the go-to entries first, then each task once', () => {
    expect(findItems(tasks).map((i) => i.label)).toEqual([
      'Go to failed task',
      'Go to running task',
      'a',
      'loop',
      'b',
    ]);
  });
});
