import { describe, expect, it } from 'vitest';
import type { Task, Workflow } from '@baton/engine';
import { ExecutionSnapshots } from './execution-snapshots.js';

const task = (taskId: string, seq: number, status: Task['status'] = 'SCHEDULED'): Task =>
  ({ taskId, seq, status }) as Task;
const workflow = (tasks: Task[], status: Workflow['status'] = 'RUNNING'): Workflow =>
  ({ workflowId: 'w1', status, tasks }) as unknown as Workflow;
const ids = (w: Workflow | undefined) => w?.tasks.map((t) => `${t.taskId}:${t.status}`);

describe('ExecutionSnapshots', () => {
  it('answers only for the cached revision, with a copy whose tasks are frozen', () => {
    const cache = new ExecutionSnapshots();
    cache.set(workflow([task('a', 1)]), 3);
    expect(cache.revisionOf('w1')).toBe(3);
    expect(cache.get('w1', 2)).toBeUndefined();
    const copy = cache.get('w1', 3)!;
    copy.workflow.tasks.push(task('x', 9));
    copy.workflow.status = 'PAUSED';
    expect(() => {
      (copy.workflow.tasks[0] as Task).status = 'FAILED';
    }).toThrow(TypeError);
    expect(ids(cache.get('w1', 3)?.workflow)).toEqual(['a:SCHEDULED']);
    expect(cache.get('w1', 3)?.workflow.status).toBe('RUNNING');
  });

  it('applies a save on top of the previous revision in stored order', () => {
    const cache = new ExecutionSnapshots();
    cache.set(workflow([task('a', 1), task('b', 2), task('c', 2), task('d', 3)]), 1);
    cache.apply(
      workflow([], 'COMPLETED'),
      2,
      [task('b', 2, 'COMPLETED'), task('e', 2), task('c', 2, 'IN_PROGRESS')],
      ['d', 'c'],
    );
    const after = cache.get('w1', 2)?.workflow;
    // b replaced in place; c deleted and written again goes after b; e is new at seq 2; d is gone.
    expect(ids(after)).toEqual(['a:SCHEDULED', 'b:COMPLETED', 'e:SCHEDULED', 'c:IN_PROGRESS']);
    expect(after?.status).toBe('COMPLETED');
  });

  it('forgets the execution when the save is not on top of the cached revision', () => {
    const cache = new ExecutionSnapshots();
    cache.set(workflow([task('a', 1)]), 1);
    cache.apply(workflow([]), 5, [task('a', 1, 'COMPLETED')], []);
    expect(cache.revisionOf('w1')).toBeUndefined();
  });

  it('keeps at most its capacity, dropping the least recently used', () => {
    const cache = new ExecutionSnapshots(2);
    for (const id of ['w1', 'w2']) cache.set({ ...workflow([]), workflowId: id }, 1);
    cache.get('w1', 1);
    cache.set({ ...workflow([]), workflowId: 'w3' }, 1);
    expect(cache.revisionOf('w2')).toBeUndefined();
    expect(cache.revisionOf('w1')).toBe(1);
    expect(cache.revisionOf('w3')).toBe(1);
  });
});
