/**
 * Drives the workload through real servers: registers the definitions, runs one TaskRunner per
 * server (each pinned to its server while it is up, failing over like a load balancer), starts
 * workflows, waits until none is RUNNING, and records what a correctness check needs: every
 * acknowledged start and task update, and every task id a worker received.
 * @module
 */
import { BatonClient } from '@baton/client';
import type { Task } from '@baton/client';
import { TaskRunner } from '@baton/client/worker';
import type { WorkerLogger } from '@baton/client/worker';
import { createBalancedFetch, type ServerPool } from './balancer.js';
import {
  CHILD_DEF,
  MAIN_DEF,
  MAIN_WORKFLOW,
  WORKER_TASKS,
  failsFirstAttempt,
  workloadTaskDefs,
} from './definitions.js';

/** Options of {@link Workload}. */
export interface WorkloadOptions {
  /** Task runners (default one per server). */
  runners?: number;
  /** Concurrent tasks per task type and runner (default 16). */
  concurrency?: number;
  /** Response timeout of the worker tasks in seconds (default 30). */
  responseTimeoutSeconds?: number;
}

/** Progress of a wait. */
export interface WaitResult {
  running: number;
  completed: number;
  elapsedMs: number;
}

const BASE = 'http://baton';

function recordingFetch(inner: typeof fetch, acked: Map<string, string>): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = new URL(url).pathname;
    // update-v2 (the TaskRunner's report while its queue is busy) acknowledges an update too.
    if (
      response.ok &&
      init?.method === 'POST' &&
      (path === '/api/tasks' || path === '/api/tasks/update-v2')
    ) {
      const result = JSON.parse(String(init.body)) as { taskId: string; status: string };
      acked.set(result.taskId, result.status);
    }
    return response;
  };
}

/** A workload on a pool of servers. */
export class Workload {
  /** Ids of acknowledged starts. */
  readonly started: string[] = [];
  /** Acknowledged task updates: taskId → status sent. */
  readonly acked = new Map<string, string>();
  /** Task ids handed to workers, and those handed out more than once. */
  readonly received = new Set<string>();
  readonly receivedTwice: string[] = [];
  /** Warnings and errors the runners logged (poll/update failures), the last 20. */
  readonly runnerLog: string[] = [];
  readonly client: BatonClient;
  private readonly runId = Math.random().toString(36).slice(2, 10);
  private runners: TaskRunner[] = [];

  constructor(
    private readonly pool: ServerPool,
    private readonly options: WorkloadOptions = {},
  ) {
    this.client = new BatonClient({ baseUrl: BASE, fetch: createBalancedFetch(pool) });
  }

  /** Registers the task and workflow definitions. */
  async register(): Promise<void> {
    await this.client.metadata.registerTaskDefs(
      workloadTaskDefs(this.options.responseTimeoutSeconds),
    );
    await this.client.metadata.updateWorkflowDefs([CHILD_DEF, MAIN_DEF]);
  }

  /** Starts the task runners. */
  startWorkers(): void {
    const count = this.options.runners ?? this.pool.urls.length;
    const logger: WorkerLogger = {
      info: () => undefined,
      warn: (m, e) => this.log(`warn ${m} ${String(e ?? '')}`),
      error: (m, e) => this.log(`error ${m} ${String(e ?? '')}`),
    };
    for (let r = 0; r < count; r++) {
      const fetch = recordingFetch(
        createBalancedFetch(this.pool, r % this.pool.urls.length),
        this.acked,
      );
      const client = new BatonClient({ baseUrl: BASE, fetch });
      const runner = new TaskRunner({
        client,
        workerId: `runner-${r}`,
        pollTimeoutMs: 1_000,
        updateRetries: 100,
        backoff: { initialMs: 100, maxMs: 1_000 },
        logger,
        workers: WORKER_TASKS.map((taskDefName) => ({
          taskDefName,
          concurrency: this.options.concurrency ?? 16,
          pollInterval: 20,
          execute: (task: Task) => this.execute(task),
        })),
      });
      runner.start();
      this.runners.push(runner);
    }
  }

  /** Gracefully stops the runners. */
  async stopWorkers(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.stop()));
    this.runners = [];
  }

  /** Starts `count` workflows, `parallel` at a time; failed starts are retried. */
  async startWorkflows(count: number, parallel = 32): Promise<void> {
    let nextIndex = this.started.length;
    const end = nextIndex + count;
    const starter = async () => {
      for (let i = nextIndex++; i < end; i = nextIndex++) {
        const input = { i, kind: i % 2 === 0 ? 'even' : 'odd' };
        for (let attempt = 0; ; attempt++) {
          try {
            // The key makes a start retried after a lost answer return the first workflow.
            const request = {
              name: MAIN_WORKFLOW,
              input,
              idempotencyKey: `${this.runId}-${i}`,
              idempotencyStrategy: 'RETURN_EXISTING' as const,
            };
            this.started.push(await this.client.workflows.start(request));
            break;
          } catch (error) {
            if (attempt >= 100) throw error;
            await new Promise((r) => setTimeout(r, 200));
          }
        }
      }
    };
    await Promise.all(Array.from({ length: parallel }, starter));
  }

  /**
   * Waits until no started workflow is RUNNING, giving up when the number completed has not moved
   * for `stallMs` or after `timeoutMs`.
   */
  async waitForAll(timeoutMs: number, stallMs = 90_000): Promise<WaitResult> {
    const begin = Date.now();
    let completed = -1;
    let running = Number.NaN;
    let movedAt = Date.now();
    while (Date.now() - begin < timeoutMs && Date.now() - movedAt < stallMs) {
      try {
        running = await this.count('RUNNING');
        const done = await this.count('COMPLETED');
        if (done !== completed) movedAt = Date.now();
        completed = done;
        if (running === 0 && completed >= this.started.length) break;
      } catch {
        // The store may be unavailable for a moment (Redis restart); keep waiting.
      }
      await new Promise((r) => setTimeout(r, 1_000));
    }
    return { running, completed, elapsedMs: Date.now() - begin };
  }

  private async count(status: string): Promise<number> {
    const query = `workflowType = ${MAIN_WORKFLOW} AND status = ${status}`;
    return (await this.client.workflows.search({ query, size: 1 })).totalHits;
  }

  private execute(task: Task) {
    if (this.received.has(task.taskId)) this.receivedTwice.push(task.taskId);
    this.received.add(task.taskId);
    const i = Number(task.inputData['i']);
    if (failsFirstAttempt(task.taskDefName, i, task.retryCount)) {
      return { status: 'FAILED' as const, reasonForIncompletion: 'first attempt fails' };
    }
    return { status: 'COMPLETED' as const, outputData: { v: `${task.taskDefName}:${i}` } };
  }

  private log(line: string): void {
    this.runnerLog.push(line.slice(0, 300));
    if (this.runnerLog.length > 20) this.runnerLog.shift();
  }
}
