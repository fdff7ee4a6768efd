import { afterEach, describe, expect, it } from 'vitest';
import type { EventExecutionRecord } from '@baton/engine';
import { MemoryEventHandlerStore } from '@baton/engine/testing';
import {
  startEventExecutionPruning,
  type EventExecutionPruning,
} from './event-execution-pruning.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = 100 * DAY;
const log = { info: () => {}, error: () => {} };
let pruning: EventExecutionPruning | undefined;

afterEach(async () => {
  await pruning?.stop();
});

function record(
  id: string,
  status: EventExecutionRecord['status'],
  updateTime: number,
): EventExecutionRecord {
  return {
    id,
    event: 'conductor:w:t',
    payload: { id },
    status,
    attempts: 1,
    done: [],
    errors: [],
    createTime: updateTime,
    updateTime,
  };
}

async function ids(store: MemoryEventHandlerStore): Promise<string[]> {
  return (await store.listEventExecutions({ limit: 1000 })).map((r) => r.id).sort();
}

describe('startEventExecutionPruning', () => {
  it('removes finished records older than the age, keeps recent and RETRYING ones', async () => {
    const store = new MemoryEventHandlerStore();
    await store.saveEventExecution(record('old-failed', 'FAILED', NOW - 8 * DAY));
    await store.saveEventExecution(record('old-completed', 'COMPLETED', NOW - 9 * DAY));
    await store.saveEventExecution(record('old-retrying', 'RETRYING', NOW - 30 * DAY));
    await store.saveEventExecution(record('recent', 'FAILED', NOW - DAY));
    pruning = startEventExecutionPruning(store, log, {
      maxAgeMs: 7 * DAY,
      maxRecords: 100,
      now: () => NOW,
      firstDelayMs: 3_600_000,
    });
    expect(await pruning.runOnce()).toBe(2);
    expect(await ids(store)).toEqual(['old-retrying', 'recent']);
  });

  it('keeps at most maxRecords finished records, removing the oldest, in batches', async () => {
    const store = new MemoryEventHandlerStore();
    for (let i = 0; i < 25; i++) {
      await store.saveEventExecution(record(`r${String(i).padStart(2, '0')}`, 'FAILED', NOW - i));
    }
    await store.saveEventExecution(record('retrying', 'RETRYING', NOW - 1000));
    pruning = startEventExecutionPruning(store, log, {
      maxAgeMs: 7 * DAY,
      maxRecords: 5,
      batchSize: 4,
      pauseMs: 0,
      now: () => NOW,
      firstDelayMs: 3_600_000,
    });
    expect(await pruning.runOnce()).toBe(20);
    expect(await ids(store)).toEqual(['r00', 'r01', 'r02', 'r03', 'r04', 'retrying']);
    expect(await pruning.runOnce()).toBe(0);
  });

  it('runs by itself after the first delay', async () => {
    const store = new MemoryEventHandlerStore();
    await store.saveEventExecution(record('old', 'COMPLETED', 0));
    pruning = startEventExecutionPruning(store, log, {
      maxAgeMs: DAY,
      maxRecords: 100,
      now: () => NOW,
      firstDelayMs: 1,
      intervalMs: 3_600_000,
    });
    await expect.poll(() => ids(store)).toEqual([]);
  });
});
