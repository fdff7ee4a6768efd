/**
 * The built-in sample workers: one `@baton/client` TaskRunner, in the server's process, polling
 * the server over HTTP like any worker (worker id {@link SAMPLE_WORKER_ID}) and completing the
 * examples' task types with {@link SAMPLE_OUTPUTS} after a short delay. Off unless
 * `BATON_DEMO_WORKERS=1` or an admin turns them on (`PUT /api/sample-workers`). For trying
 * the examples only: they complete any task of those types, whoever started it.
 * @module
 */
import { BatonClient } from '@baton/client';
import { TaskRunner, type WorkerLogger } from '@baton/client/worker';
import type { ApiKey } from '../plugins/auth.js';
import { SAMPLE_OUTPUTS, SAMPLE_TASK_TYPES } from './outputs.js';

/** The worker id the sample workers poll and update with (shown on every task they ran). */
export const SAMPLE_WORKER_ID = 'baton-sample-worker';

/**
 * The task domain the sample workers poll: they complete only the tasks of executions started
 * with `taskToDomain: { "*": "baton-sample" }` (as the UI's "Run with sample workers" does),
 * never a task waiting for a real worker in the default domain.
 */
export const SAMPLE_DOMAIN = 'baton-sample';

/** What the admin route reports. */
export interface SampleWorkersState {
  enabled: boolean;
  workerId: string;
  /** Start executions with `taskToDomain: { "*": <domain> }` for the sample workers to run them. */
  domain: string;
  taskTypes: string[];
}

/** Turns the sample workers on and off. */
export interface SampleWorkersControl {
  state(): SampleWorkersState;
  /** Starts them (no-op when on). Needs the server's URL, known once it listens. */
  enable(): void;
  /** Stops them and waits for the tasks in hand. */
  disable(): Promise<void>;
}

/** Options of {@link createSampleWorkers}. */
export interface SampleWorkersOptions {
  /** The server's own URL (`http://127.0.0.1:<port>`), read when they start. */
  baseUrl: () => string | undefined;
  /** The server's API keys: the workers use a `worker` key, else an `admin` one. */
  apiKeys: readonly ApiKey[];
  /** Milliseconds a task takes: `min` plus a random part up to `spread` (default 400 + 800). */
  delayMs?: { min: number; spread: number };
  logger: WorkerLogger;
}

/** The key the sample workers poll with, if keys are configured; undefined when the API is open. */
export function sampleWorkerKey(keys: readonly ApiKey[]): string | undefined {
  return (keys.find((k) => k.role === 'worker') ?? keys.find((k) => k.role === 'admin'))?.key;
}

/** Creates the (stopped) sample workers. */
export function createSampleWorkers(options: SampleWorkersOptions): SampleWorkersControl {
  const delay = options.delayMs ?? { min: 400, spread: 800 };
  let runner: TaskRunner | undefined;
  const wait = () =>
    new Promise((done) => setTimeout(done, delay.min + Math.random() * delay.spread));
  return {
    state: () => ({
      enabled: runner !== undefined,
      workerId: SAMPLE_WORKER_ID,
      domain: SAMPLE_DOMAIN,
      taskTypes: [...SAMPLE_TASK_TYPES],
    }),
    enable() {
      if (runner !== undefined) return;
      const baseUrl = options.baseUrl();
      if (baseUrl === undefined) throw new Error('sample workers: the server is not listening yet');
      const apiKey = sampleWorkerKey(options.apiKeys);
      const client = new BatonClient({ baseUrl, ...(apiKey !== undefined ? { apiKey } : {}) });
      runner = new TaskRunner({
        client,
        workerId: SAMPLE_WORKER_ID,
        pollTimeoutMs: 1_000,
        logger: options.logger,
        workers: Object.entries(SAMPLE_OUTPUTS).map(([taskDefName, output]) => ({
          taskDefName,
          domain: SAMPLE_DOMAIN,
          concurrency: 4,
          execute: async (task) => {
            await wait();
            return {
              outputData: output(task.inputData ?? {}),
              logs: [`completed by ${SAMPLE_WORKER_ID}, a built-in sample worker`],
            };
          },
        })),
      });
      runner.start();
      options.logger.info(
        `sample workers on (${SAMPLE_TASK_TYPES.length} task types in domain ${SAMPLE_DOMAIN}, worker id ${SAMPLE_WORKER_ID}): for trying the examples only`,
      );
    },
    async disable() {
      const stopping = runner;
      runner = undefined;
      if (stopping === undefined) return;
      await stopping.stop();
      options.logger.info('sample workers off');
    },
  };
}
