import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionEvent } from '@baton/engine';
import { createRedisClient, type RedisClient } from '../../src/redis/redis-client.js';
import { RedisEventBus } from '../../src/redis/redis-event-bus.js';
import { RedisExecutionStore } from '../../src/redis/redis-execution-store.js';
import { RedisTaskQueue } from '../../src/redis/redis-task-queue.js';
import { randomKeys, testTask, testWorkflow } from './support.js';

/** The part of scripts/services/redis.ts this file uses (that file is outside this project). */
interface RedisService {
  url: string;
  port: number;
  dir: string;
  stop(options?: { keepDir?: boolean; signal?: NodeJS.Signals }): Promise<void>;
}
interface RedisHelper {
  startRedis(options: { appendOnly?: boolean; dir?: string; port?: number }): Promise<RedisService>;
}
const REDIS_HELPER = '../../../../scripts/services/redis.ts';

const keys = randomKeys();
let helper: RedisHelper;
let server: RedisService;
let client: RedisClient;

beforeAll(async () => {
  helper = (await import(/* @vite-ignore */ REDIS_HELPER)) as RedisHelper;
  server = await helper.startRedis({ appendOnly: true });
  client = createRedisClient({
    type: 'standalone',
    url: server.url,
    // Keep commands queued while the server restarts instead of failing them.
    options: { maxRetriesPerRequest: null, retryStrategy: () => 50 },
  });
});

afterAll(async () => {
  client.disconnect();
  await server.stop();
});

/** Stops the server with `signal` and starts it again on the same port and AOF folder. */
async function restart(signal: NodeJS.Signals): Promise<void> {
  await server.stop({ keepDir: true, signal });
  server = await helper.startRedis({ appendOnly: true, dir: server.dir, port: server.port });
}

describe('a Redis restart with AOF', () => {
  it('keeps executions and queues, reloads the scripts and resubscribes', async () => {
    const store = new RedisExecutionStore({ client, keys });
    const queue = new RedisTaskQueue({ client, keys });
    const events = new RedisEventBus(client, keys);
    const received: ExecutionEvent[] = [];
    events.subscribe((event) => received.push(event));

    const wf = testWorkflow();
    const task = testTask(wf, 1);
    await store.createExecution({ ...wf, tasks: [task] });
    await queue.push('after-restart', [{ id: task.taskId, priority: 1, delayMs: 0 }]);

    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      await restart(signal);
      const stored = await store.getExecution(wf.workflowId);
      expect(stored?.workflow.tasks.map((t) => t.taskId)).toEqual([task.taskId]);
      expect(await queue.contains('after-restart', task.taskId)).toBe(true);
    }

    // The script cache is empty after a restart: EVALSHA falls back to EVAL.
    expect(
      await store.saveExecution({
        workflow: wf,
        expectedRevision: 1,
        upsertTasks: [{ ...task, status: 'IN_PROGRESS' }],
        deleteTaskIds: [],
      }),
    ).toBe(2);
    expect(await queue.pop('after-restart', 5, 60_000)).toEqual([task.taskId]);
    expect((await store.getTask(task.taskId))?.status).toBe('IN_PROGRESS');

    const event: ExecutionEvent = {
      type: 'workflow',
      workflowId: wf.workflowId,
      workflowName: wf.workflowName,
      workflowVersion: 1,
      status: 'RUNNING',
      time: 1,
    };
    const until = Date.now() + 10_000;
    while (received.length === 0 && Date.now() < until) {
      await events.publish([event]);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(received[0]).toEqual(event);
    await Promise.all([queue.close(), events.close()]);
  });
});
