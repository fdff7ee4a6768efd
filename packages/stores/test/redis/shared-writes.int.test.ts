import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Redis } from 'ioredis';
import { isBatonError } from '@baton/engine';
import {
  RedisExecutionStore,
  SHARED_WRITES_WINDOW_MS,
} from '../../src/redis/redis-execution-store.js';
import './provided-context.js';
import { connect, dropKeys, randomKeys, testTask, testWorkflow } from './support.js';

const keys = randomKeys();
let clients: Redis[] = [];

beforeAll(() => {
  clients = [connect(inject('redisUrl')), connect(inject('redisUrl'))];
});

afterAll(async () => {
  const [first] = clients;
  if (first) await dropKeys(first, keys);
  await Promise.all(clients.map((client) => client.quit()));
});

/** Two stores on one Redis, as two server processes hold them, on one settable clock. */
function twoProcesses() {
  const clock = { time: 1_000_000, now: () => clock.time };
  const [a, b] = clients.map((client) => new RedisExecutionStore({ client, keys, clock }));
  if (!a || !b) throw new Error('two clients expected');
  return { a, b, clock };
}

/** Creates an execution through `store` and saves one change to it there. */
async function createAndSave(store: RedisExecutionStore) {
  const workflow = testWorkflow();
  await store.createExecution(workflow);
  const task = testTask(workflow, 1);
  const revision = await store.saveExecution({
    workflow: { ...workflow, tasks: [task] },
    expectedRevision: 1,
    upsertTasks: [task],
    deleteTaskIds: [],
  });
  return { workflow, task, revision };
}

describe('in-process snapshots when another process writes (issue 20)', () => {
  it('a store alone keeps offering its snapshot, so an operation needs no read', async () => {
    const { a } = twoProcesses();
    const { workflow, revision } = await createAndSave(a);
    expect(a.peekExecution(workflow.workflowId)?.revision).toBe(revision);
    // A read that finds the snapshot current is no sign of another writer.
    await a.getExecution(workflow.workflowId);
    expect(a.peekExecution(workflow.workflowId)?.revision).toBe(revision);
  });

  it('stops offering snapshots for a while once a read finds another process saved', async () => {
    const { a, b, clock } = twoProcesses();
    const { workflow, task, revision } = await createAndSave(a);
    const read = await b.getExecution(workflow.workflowId);
    expect(read?.revision).toBe(revision);
    const done = { ...task, status: 'COMPLETED' as const };
    await b.saveExecution({
      workflow: { ...workflow, tasks: [done] },
      expectedRevision: revision,
      upsertTasks: [done],
      deleteTaskIds: [],
    });
    // Process A still holds the older snapshot and cannot know yet.
    expect(a.peekExecution(workflow.workflowId)?.revision).toBe(revision);
    const fresh = await a.getExecution(workflow.workflowId);
    expect(fresh?.revision).toBe(revision + 1);
    expect(fresh?.workflow.tasks[0]?.status).toBe('COMPLETED');
    // Now A reads before every operation, for this execution and any other.
    expect(a.peekExecution(workflow.workflowId)).toBeUndefined();
    const other = await createAndSave(a);
    expect(a.peekExecution(other.workflow.workflowId)).toBeUndefined();
    // Process B saw nothing of A's after its reads, and keeps its snapshots.
    expect(b.peekExecution(workflow.workflowId)?.revision).toBe(revision + 1);
    clock.time += SHARED_WRITES_WINDOW_MS;
    expect(a.peekExecution(other.workflow.workflowId)?.revision).toBe(other.revision);
  });

  it('also after a save from its snapshot is refused as stale', async () => {
    const { a, b } = twoProcesses();
    const { workflow, task, revision } = await createAndSave(a);
    await b.getExecution(workflow.workflowId);
    const byB = { ...task, status: 'IN_PROGRESS' as const };
    await b.saveExecution({
      workflow: { ...workflow, tasks: [byB] },
      expectedRevision: revision,
      upsertTasks: [byB],
      deleteTaskIds: [],
    });
    const byA = { ...task, status: 'COMPLETED' as const };
    const refused = await a
      .saveExecution({
        workflow: { ...workflow, tasks: [byA] },
        expectedRevision: revision,
        upsertTasks: [byA],
        deleteTaskIds: [],
      })
      .catch((e: unknown) => e);
    expect(isBatonError(refused) && refused.code).toBe('STORE_CONFLICT');
    const other = await createAndSave(a);
    expect(a.peekExecution(other.workflow.workflowId)).toBeUndefined();
  });
});
