import { describe, expect, it } from 'vitest';
import type { Task } from '../model/task.js';
import {
  buildTaskTable,
  CONTAINER,
  flagsOf,
  forkTaskTable,
  latestPositionOf,
  LIVE,
  OPEN,
  positionOf,
  setTableTask,
  tableFits,
  TERMINATED,
  UNFINISHED,
} from './task-table.js';

function task(id: string, ref: string, seq: number, fields: Partial<Task> = {}): Task {
  return {
    taskId: id,
    taskType: 'SIMPLE',
    referenceTaskName: ref,
    status: 'SCHEDULED',
    seq,
    retried: false,
    executed: false,
    ...fields,
  } as Task;
}

describe('task flags', () => {
  it.each<[string, Partial<Task>, number]>([
    ['scheduled', {}, OPEN | LIVE | UNFINISHED],
    ['completed, not yet executed', { status: 'COMPLETED' }, OPEN | UNFINISHED],
    ['completed and executed', { status: 'COMPLETED', executed: true }, 0],
    ['failed and retried', { status: 'FAILED', retried: true }, 0],
    ['skipped', { status: 'SKIPPED' }, 0],
    [
      'running join',
      { taskType: 'JOIN', status: 'IN_PROGRESS' },
      OPEN | LIVE | CONTAINER | UNFINISHED,
    ],
    ['ended loop', { taskType: 'DO_WHILE', status: 'COMPLETED', executed: true }, 0],
    [
      'completed terminate',
      { taskType: 'TERMINATE', status: 'COMPLETED', executed: true },
      TERMINATED,
    ],
  ])('%s', (_name, fields, flags) => {
    expect(flagsOf(task('t', 'r', 1, fields))).toBe(flags);
  });
});

describe('task table', () => {
  const tasks = [
    task('a', 'x', 1, { status: 'COMPLETED', executed: true }),
    task('b', 'y', 2, { status: 'FAILED', retried: true }),
    task('c', 'y', 3),
  ];

  it('finds tasks by id and the latest row of a reference name', () => {
    const table = buildTaskTable(tasks);
    expect(positionOf(table, 'c')).toBe(2);
    expect(positionOf(table, 'nope')).toBeUndefined();
    expect(latestPositionOf(table, 'y')).toBe(2);
    expect(latestPositionOf(table, 'x')).toBe(0);
    expect(Array.from(table.flags.subarray(0, 3))).toEqual([0, 0, OPEN | LIVE | UNFINISHED]);
  });

  it('lets a fork append without the original seeing it, sharing the registry', () => {
    const table = buildTaskTable(tasks);
    const list = [...tasks];
    const fork = forkTaskTable(table, list);
    const added = task('d', 'y', 4);
    list.push(added);
    setTableTask(fork, 3, added);
    expect(positionOf(fork, 'd')).toBe(3);
    expect(latestPositionOf(fork, 'y')).toBe(3);
    // The registry knows d, but the original's list does not hold it.
    expect(positionOf(table, 'd')).toBeUndefined();
    expect(latestPositionOf(table, 'y')).toBe(2);
    expect(tableFits(table, tasks)).toBe(true);
    expect(tableFits(table, list)).toBe(false);
    expect(tableFits(fork, list)).toBe(true);
  });

  it('ignores a registry entry another fork made for another task at the same position', () => {
    const table = buildTaskTable(tasks);
    const one = forkTaskTable(table, [...tasks]);
    const two = forkTaskTable(table, [...tasks]);
    setTableTask(one, 3, task('d1', 'z', 4));
    setTableTask(two, 3, task('d2', 'z', 4));
    expect(positionOf(one, 'd2')).toBeUndefined();
    expect(positionOf(two, 'd1')).toBeUndefined();
    expect(latestPositionOf(one, 'z')).toBe(3);
    expect(positionOf(one, 'd1')).toBe(3);
  });

  it('updates flags in place and grows past its spare capacity', () => {
    const table = buildTaskTable([]);
    for (let i = 0; i < 100; i += 1) setTableTask(table, i, task(`t${i}`, `r${i}`, i + 1));
    setTableTask(table, 50, task('t50', 'r50', 51, { status: 'COMPLETED', executed: true }));
    expect(table.ids).toHaveLength(100);
    expect(table.flags[50]).toBe(0);
    expect(table.flags[99]).toBe(OPEN | LIVE | UNFINISHED);
  });
});
