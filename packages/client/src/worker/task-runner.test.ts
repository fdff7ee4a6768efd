import { describe, expect, it, vi } from 'vitest';
import type { BatonClient } from '../client.js';
import { BatonApiError } from '../errors.js';
import type { BatchPollOptions } from '../tasks.js';
import type { Task, TaskResult } from '../types.js';
import { NonRetryableError } from './non-retryable-error.js';
import { TaskRunner } from './task-runner.js';
import type { WorkerDefinition, WorkerLogger } from './types.js';

function task(id: string, input: Record<string, unknown> = {}): Task {
  return {
    taskId: id,
    workflowInstanceId: `wf-${id}`,
    taskType: 'greet',
    inputData: input,
  } as unknown as Task;
}

const TERMINAL = new Set(['COMPLETED', 'FAILED', 'FAILED_WITH_TERMINAL_ERROR', 'CANCELED']);

/**
 * A fake server: a queue of tasks handed out by batchPoll (and by update-v2 once a task has
 * ended), and the updates it received.
 */
function fakeServer(initial: Task[] = []) {
  const queue = [...initial];
  const updates: TaskResult[] = [];
  const polls: BatchPollOptions[] = [];
  const batchPoll = vi.fn(async (_type: string, options: BatchPollOptions = {}) => {
    polls.push(options);
    await new Promise((r) => setTimeout(r, 2));
    return queue.splice(0, options.count ?? 1);
  });
  const update = vi.fn(async (result: TaskResult) => {
    updates.push(result);
    return result.taskId;
  });
  const updateV2 = vi.fn(async (result: TaskResult) => {
    updates.push(result);
    await new Promise((r) => setTimeout(r, 2));
    return TERMINAL.has(result.status) ? (queue.shift() ?? null) : null;
  });
  const client = { tasks: { batchPoll, update, updateV2 } } as unknown as BatonClient;
  return { client, queue, updates, polls, batchPoll, update, updateV2 };
}

const silent: WorkerLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

async function until(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function runner(server: ReturnType<typeof fakeServer>, workers: WorkerDefinition[], extra = {}) {
  return new TaskRunner({
    client: server.client,
    workers,
    workerId: 'worker-1',
    pollTimeoutMs: 50,
    logger: silent,
    backoff: { initialMs: 10, maxMs: 80, jitter: 0 },
    ...extra,
  });
}

describe('TaskRunner', () => {
  it('executes polled tasks and reports COMPLETED with the output and worker id', async () => {
    const server = fakeServer([task('t1', { name: 'Ada' })]);
    const r = runner(server, [
      {
        taskDefName: 'greet',
        pollInterval: 5,
        execute: (t) => ({ outputData: { hello: t.inputData['name'] }, logs: ['said hi'] }),
      },
    ]);
    r.start();
    await until(() => server.updates.length === 1);
    await r.stop();
    expect(server.updates[0]).toMatchObject({
      workflowInstanceId: 'wf-t1',
      taskId: 't1',
      workerId: 'worker-1',
      status: 'COMPLETED',
      outputData: { hello: 'Ada' },
      logs: [{ log: 'said hi', taskId: 't1' }],
    });
    expect(server.polls[0]).toMatchObject({ workerId: 'worker-1', timeout: 50, count: 1 });
    expect(server.batchPoll.mock.calls[0]?.[0]).toBe('greet');
  });

  it('passes through a status the worker chooses, such as IN_PROGRESS with a callback', async () => {
    const server = fakeServer([task('t1')]);
    const r = runner(server, [
      {
        taskDefName: 'greet',
        execute: () => ({ status: 'IN_PROGRESS', callbackAfterSeconds: 30 }),
      },
    ]);
    r.start();
    await until(() => server.updates.length === 1);
    await r.stop();
    expect(server.updates[0]).toMatchObject({ status: 'IN_PROGRESS', callbackAfterSeconds: 30 });
  });

  it('reports a thrown error as FAILED with the reason and a log line', async () => {
    const server = fakeServer([task('t1')]);
    const logger = { ...silent, error: vi.fn() };
    const r = runner(
      server,
      [{ taskDefName: 'greet', execute: () => Promise.reject(new Error('service down')) }],
      {
        logger,
      },
    );
    r.start();
    await until(() => server.updates.length === 1);
    await r.stop();
    expect(server.updates[0]).toMatchObject({
      status: 'FAILED',
      reasonForIncompletion: 'service down',
    });
    expect(server.updates[0]?.logs?.[0]?.log).toContain('service down');
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining('service down'),
      expect.any(Error),
    );
  });

  it('reports NonRetryableError as FAILED_WITH_TERMINAL_ERROR with its output', async () => {
    const server = fakeServer([task('t1')]);
    const r = runner(server, [
      {
        taskDefName: 'greet',
        execute: () => {
          throw new NonRetryableError('bad input', { outputData: { field: 'name' } });
        },
      },
    ]);
    r.start();
    await until(() => server.updates.length === 1);
    await r.stop();
    expect(server.updates[0]).toMatchObject({
      status: 'FAILED_WITH_TERMINAL_ERROR',
      reasonForIncompletion: 'bad input',
      outputData: { field: 'name' },
    });
  });

  it('never runs more tasks at once than the concurrency and never polls for more than the free slots', async () => {
    const server = fakeServer(Array.from({ length: 9 }, (_, i) => task(`t${i}`)));
    let running = 0;
    let peak = 0;
    const r = runner(server, [
      {
        taskDefName: 'greet',
        concurrency: 3,
        pollInterval: 1,
        execute: async () => {
          running += 1;
          peak = Math.max(peak, running);
          await new Promise((res) => setTimeout(res, 20));
          running -= 1;
          return {};
        },
      },
    ]);
    r.start();
    await until(() => server.updates.length === 9);
    await r.stop();
    expect(peak).toBe(3);
    expect(Math.max(...server.polls.map((p) => p.count ?? 0))).toBe(3);
    expect(new Set(server.updates.map((u) => u.taskId)).size).toBe(9);
  });

  it('stops polling on stop and resolves only after in-flight tasks are reported', async () => {
    const server = fakeServer([task('t1'), task('t2')]);
    let release!: () => void;
    const gate = new Promise<void>((res) => (release = res));
    const r = runner(server, [
      {
        taskDefName: 'greet',
        concurrency: 2,
        execute: async () => (await gate, { outputData: { done: true } }),
      },
    ]);
    r.start();
    await until(() => r.activeCount === 2);
    let stopped = false;
    const stopping = r.stop().then(() => (stopped = true));
    await new Promise((res) => setTimeout(res, 30));
    expect(stopped).toBe(false);
    const pollsAtStop = server.batchPoll.mock.calls.length;
    release();
    await stopping;
    expect(server.updates.map((u) => u.taskId).sort()).toEqual(['t1', 't2']);
    await new Promise((res) => setTimeout(res, 30));
    expect(server.batchPoll.mock.calls.length).toBe(pollsAtStop);
    expect(r.running).toBe(false);
  });

  it('executes the tasks of a poll that was in progress when stop was called', async () => {
    const server = fakeServer();
    let answer!: (tasks: Task[]) => void;
    server.batchPoll.mockImplementationOnce(() => new Promise<Task[]>((res) => (answer = res)));
    const r = runner(server, [{ taskDefName: 'greet', execute: () => ({}) }]);
    r.start();
    await until(() => server.batchPoll.mock.calls.length === 1);
    const stopping = r.stop();
    answer([task('late')]);
    await stopping;
    expect(server.updates.map((u) => u.taskId)).toEqual(['late']);
    expect(server.batchPoll).toHaveBeenCalledTimes(1);
  });

  it('backs off exponentially while polling fails and recovers afterwards', async () => {
    const server = fakeServer([task('t1')]);
    const times: number[] = [];
    const realPoll = server.batchPoll.getMockImplementation();
    let failures = 4;
    server.batchPoll.mockImplementation(async (type, options) => {
      times.push(Date.now());
      if (failures > 0) {
        failures -= 1;
        throw new BatonApiError({ status: 0, code: 'NETWORK_ERROR', message: 'down' });
      }
      return realPoll!(type, options);
    });
    const logger = { ...silent, warn: vi.fn() };
    const r = runner(server, [{ taskDefName: 'greet', execute: () => ({}) }], { logger });
    r.start();
    await until(() => server.updates.length === 1);
    await r.stop();
    const gaps = times.slice(1, 5).map((t, i) => t - (times[i] ?? 0));
    // 10, 20, 40, 80 ms (no jitter): each wait at least the configured delay and growing.
    expect(gaps[0]).toBeGreaterThanOrEqual(9);
    expect(gaps[3]).toBeGreaterThanOrEqual(75);
    expect(gaps[3]! > gaps[0]!).toBe(true);
    expect(logger.warn).toHaveBeenCalledTimes(4);
  });

  it('retries an update while the server is unreachable', async () => {
    const server = fakeServer([task('t1')]);
    server.update
      .mockRejectedValueOnce(
        new BatonApiError({ status: 0, code: 'NETWORK_ERROR', message: 'down' }),
      )
      .mockRejectedValueOnce(
        new BatonApiError({ status: 503, code: 'STORE_UNAVAILABLE', message: 'busy' }),
      );
    const r = runner(
      server,
      [{ taskDefName: 'greet', execute: () => ({ outputData: { ok: 1 } }) }],
      { updateV2: false },
    );
    r.start();
    await until(() => server.updates.length === 1);
    await r.stop();
    expect(server.update).toHaveBeenCalledTimes(3);
    expect(server.updates[0]).toMatchObject({ taskId: 't1', status: 'COMPLETED' });
  });

  it('does not retry an update the server rejects as invalid, and gives up after the retry limit', async () => {
    const server = fakeServer([task('t1'), task('t2')]);
    const logger = { ...silent, error: vi.fn() };
    server.update.mockImplementation(async (result) => {
      throw result.taskId === 't1'
        ? new BatonApiError({ status: 404, code: 'TASK_NOT_FOUND', message: 'gone' })
        : new BatonApiError({ status: 0, code: 'NETWORK_ERROR', message: 'down' });
    });
    const r = runner(server, [{ taskDefName: 'greet', concurrency: 2, execute: () => ({}) }], {
      logger,
      updateRetries: 2,
      updateV2: false,
    });
    r.start();
    await until(() => logger.error.mock.calls.length === 2);
    await r.stop();
    const calls = server.update.mock.calls.map(([res]) => res.taskId);
    expect(calls.filter((id) => id === 't1')).toHaveLength(1);
    expect(calls.filter((id) => id === 't2')).toHaveLength(3);
  });

  it('reports with update-v2 and runs the task it hands back, so a busy worker stops polling', async () => {
    const server = fakeServer(Array.from({ length: 20 }, (_, i) => task(`t${i}`)));
    const r = runner(server, [{ taskDefName: 'greet', concurrency: 2, execute: () => ({}) }]);
    r.start();
    await until(() => server.updates.length === 20);
    await r.stop();
    expect(server.update).not.toHaveBeenCalled();
    expect(server.updateV2).toHaveBeenCalledTimes(20);
    expect(new Set(server.updates.map((u) => u.taskId)).size).toBe(20);
    // The polls that filled the two slots, and at most one empty long poll per slot afterwards.
    expect(server.batchPoll.mock.calls.length).toBeLessThanOrEqual(4);
  });

  it('reports with a plain update while polls come back short of a full batch', async () => {
    const server = fakeServer([task('t1'), task('t2')]);
    const r = runner(server, [{ taskDefName: 'greet', concurrency: 5, execute: () => ({}) }]);
    r.start();
    await until(() => server.updates.length === 2);
    await r.stop();
    expect(server.updateV2).not.toHaveBeenCalled();
    expect(server.update).toHaveBeenCalledTimes(2);
  });

  it('retries an update-v2 while the server is unreachable', async () => {
    const server = fakeServer([task('t1')]);
    server.updateV2.mockRejectedValueOnce(
      new BatonApiError({ status: 0, code: 'NETWORK_ERROR', message: 'down' }),
    );
    const r = runner(server, [{ taskDefName: 'greet', execute: () => ({}) }]);
    r.start();
    await until(() => server.updates.length === 1);
    await r.stop();
    expect(server.updateV2).toHaveBeenCalledTimes(2);
    expect(server.update).not.toHaveBeenCalled();
  });

  it('falls back to a plain update, for good, on a server without update-v2', async () => {
    const server = fakeServer([task('t1'), task('t2'), task('t3')]);
    server.updateV2.mockRejectedValue(
      new BatonApiError({ status: 404, code: 'NOT_FOUND', message: 'Route not found' }),
    );
    const r = runner(server, [{ taskDefName: 'greet', execute: () => ({}) }]);
    r.start();
    await until(() => server.updates.length === 3);
    await r.stop();
    expect(server.updateV2).toHaveBeenCalledTimes(1);
    expect(server.update.mock.calls.map(([res]) => res.taskId)).toEqual(['t1', 't2', 't3']);
  });

  it('keeps update-v2 when a 404 is about the task, not the route', async () => {
    const server = fakeServer([task('t1'), task('t2')]);
    const logger = { ...silent, error: vi.fn() };
    server.updateV2.mockRejectedValueOnce(
      new BatonApiError({ status: 404, code: 'TASK_NOT_FOUND', message: 'gone' }),
    );
    const r = runner(server, [{ taskDefName: 'greet', execute: () => ({}) }], { logger });
    r.start();
    await until(() => server.updates.length === 1 && logger.error.mock.calls.length === 1);
    await r.stop();
    expect(server.update).not.toHaveBeenCalled();
    expect(server.updateV2).toHaveBeenCalledTimes(2);
  });

  it('claims no next task with a report sent after stop', async () => {
    const server = fakeServer([task('t1'), task('t2')]);
    let release!: () => void;
    const gate = new Promise<void>((res) => (release = res));
    const r = runner(server, [{ taskDefName: 'greet', execute: async () => (await gate, {}) }]);
    r.start();
    await until(() => r.activeCount === 1);
    const stopping = r.stop();
    release();
    await stopping;
    expect(server.update.mock.calls.map(([res]) => res.taskId)).toEqual(['t1']);
    expect(server.updateV2).not.toHaveBeenCalled();
    expect(server.queue.map((t) => t.taskId)).toEqual(['t2']);
  });

  it('polls each worker type in its own loop, with its domain', async () => {
    const server = fakeServer();
    const r = runner(server, [
      { taskDefName: 'a', execute: () => ({}) },
      { taskDefName: 'b', domain: 'blue', execute: () => ({}) },
    ]);
    r.start();
    await until(() => new Set(server.batchPoll.mock.calls.map(([type]) => type)).size === 2);
    await r.stop();
    const byType = new Map(server.batchPoll.mock.calls.map(([type, options]) => [type, options]));
    expect(byType.get('b')).toMatchObject({ domain: 'blue' });
    expect(byType.get('a')?.domain).toBeUndefined();
  });

  it('refuses two workers for the same task type', () => {
    const server = fakeServer();
    expect(() =>
      runner(server, [
        { taskDefName: 'a', execute: () => ({}) },
        { taskDefName: 'a', execute: () => ({}) },
      ]),
    ).toThrow(/Two workers poll a/);
  });
});
