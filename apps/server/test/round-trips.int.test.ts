/**
 * Pins how many Redis commands the worker hot path sends (issue 20): a poll that claims one task
 * and a task update, on Redis + Postgres as the server runs them. Each command counted here is a
 * call the server makes; auto-pipelining may share a network write between them, but not the
 * server-side work.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import { createRedisPostgresStores } from '@baton/stores';
import type { Task, WorkflowDef } from '@baton/engine';
import { createTestApp, register, start } from './helpers.js';
import type { TestApp } from './helpers.js';

let t: TestApp;
let client: Redis;
const sent: string[] = [];

/** Counts every command the stores' client sends (script calls show as evalsha/eval). */
function countCommands(redis: Redis): void {
  const send = redis.sendCommand.bind(redis);
  redis.sendCommand = ((command: { name: string }, stream?: unknown) => {
    sent.push(command.name);
    return send(command as never, stream as never);
  }) as typeof redis.sendCommand;
}

async function counted<R>(work: () => Promise<R>): Promise<{ result: R; commands: string[] }> {
  // Let anything still in flight from the previous step settle first.
  await new Promise((r) => setTimeout(r, 50));
  sent.length = 0;
  const result = await work();
  await new Promise((r) => setImmediate(r));
  return { result, commands: [...sent] };
}

const def: WorkflowDef = {
  name: 'rt_wf',
  version: 1,
  schemaVersion: 2,
  ownerEmail: 'test@example.com',
  tasks: ['rt_a', 'rt_b'].map((name) => ({
    name,
    taskReferenceName: `${name}_ref`,
    type: 'SIMPLE',
  })),
};

beforeAll(async () => {
  const suffix = randomUUID().replace(/-/g, '').slice(0, 12);
  client = new Redis(inject('redisUrl'), { enableAutoPipelining: true, maxRetriesPerRequest: 3 });
  countCommands(client);
  const stores = await createRedisPostgresStores({
    redis: client,
    databaseUrl: inject('databaseUrl'),
    schema: `server_rt_${suffix}`,
    keyPrefix: `rt-${suffix}:`,
    indexIntervalMs: 3_600_000,
  });
  t = await createTestApp({}, stores);
  await register(t.app, def);
}, 300_000);
afterAll(async () => {
  await t?.close();
  await client?.quit();
});

async function pollOne(type: string): Promise<Task> {
  const res = await t.app.inject({ url: `/api/tasks/poll/batch/${type}?timeout=0&count=1` });
  const [task] = res.json() as Task[];
  if (!task) throw new Error(`nothing to poll for ${type}`);
  return task;
}

/** The poll data write, at most once a second per worker and type (see the engine's poll.ts). */
function withoutPollRecord(commands: string[]): string[] {
  const at = commands.indexOf('hset');
  return at < 0 ? commands : [...commands.slice(0, at), ...commands.slice(at + 1)];
}

describe('Redis commands on the worker hot path', () => {
  it('a claim is two script calls, an update one, update-v2 their sum', async () => {
    const first = await start(t.app, 'rt_wf');
    const second = await start(t.app, 'rt_wf');
    const a1 = await pollOne('rt_a');
    // update-v2 of the first a hands out the second: the update's save, the pop, the claim's
    // save, and the events (published together when their saves answer in one turn).
    const v2 = await counted(() =>
      t.app.inject({
        method: 'POST',
        url: '/api/tasks/update-v2',
        payload: { workflowInstanceId: first, taskId: a1.taskId, status: 'COMPLETED' },
      }),
    );
    expect(v2.result.statusCode).toBe(200);
    const a2 = v2.result.json() as Task;
    expect(a2.workflowInstanceId).toBe(second);
    expect(v2.commands.filter((c) => c === 'evalsha')).toHaveLength(3);
    const others = withoutPollRecord(v2.commands.filter((c) => c !== 'evalsha'));
    expect(others.length).toBeGreaterThan(0);
    expect(others.length).toBeLessThanOrEqual(2);
    expect(others.every((c) => c === 'publish')).toBe(true);
    // The claim: the pop, then the save that marks it IN_PROGRESS and acknowledges its message.
    const poll = await counted(() => pollOne('rt_b'));
    expect(poll.result.workflowInstanceId).toBe(first);
    expect(withoutPollRecord(poll.commands)).toEqual(['evalsha', 'evalsha', 'publish']);
    // The update: one save script (queue changes and task index inside it), then the events.
    const update = await counted(() =>
      t.app.inject({
        method: 'POST',
        url: '/api/tasks',
        payload: { workflowInstanceId: second, taskId: a2.taskId, status: 'COMPLETED' },
      }),
    );
    expect(update.result.statusCode).toBe(200);
    expect(update.commands).toEqual(['evalsha', 'publish']);
  });
});
