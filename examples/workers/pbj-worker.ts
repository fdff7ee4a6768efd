/**
 * A worker for the PB&J example (`pbj-v2.json`) in JavaScript, with `@baton/client`'s worker
 * runner: it polls the server for each task type, runs the function and reports the result.
 * See docs/getting-started.md. From the repository root:
 *
 *   node --conditions=@baton/source --import tsx examples/workers/pbj-worker.ts
 *
 * `BATON_URL` (default http://127.0.0.1:8080) names the server, `BATON_API_KEY` a worker key when
 * the server has API keys. Ctrl-C stops it after the tasks in hand are reported.
 */
import { BatonClient } from '@baton/client';
import { TaskRunner, type WorkerDefinition } from '@baton/client/worker';

type Input = Record<string, unknown>;

/** One function per task type: input data in, output data out. */
const kitchen: Record<string, (input: Input) => Input> = {
  get_bread: (i) => ({
    slices: [
      `${String(i['breadType'] ?? 'white')} slice 1`,
      `${String(i['breadType'] ?? 'white')} slice 2`,
    ],
  }),
  get_peanut_butter: (i) => ({ jar: i['crunchy'] === true ? 'crunchy' : 'smooth' }),
  get_jelly: (i) => ({ jar: `${String(i['flavor'] ?? 'grape')} jelly` }),
  get_knife: () => ({ knife: 'butter knife' }),
  spread_peanut_butter: (i) => ({ slice: `${String(i['slice'])} + ${String(i['peanutButter'])}` }),
  spread_jelly: (i) => ({ slice: `${String(i['slice'])} + ${String(i['jelly'])}` }),
  assemble_sandwich: (i) => ({
    sandwich: `${String(i['peanutButterSlice'])} | ${String(i['jellySlice'])}`,
  }),
  cut_sandwich: (i) => ({ sandwich: `${String(i['sandwich'])} (cut ${String(i['style'])})` }),
};

const client = new BatonClient({
  baseUrl: process.env['BATON_URL'] ?? 'http://127.0.0.1:8080',
  ...(process.env['BATON_API_KEY'] ? { apiKey: process.env['BATON_API_KEY'] } : {}),
});

const workers: WorkerDefinition[] = Object.entries(kitchen).map(([taskDefName, cook]) => ({
  taskDefName,
  execute: (task) => ({ outputData: cook(task.inputData ?? {}) }),
}));

const runner = new TaskRunner({ client, workers, workerId: 'my-pbj-worker' });
runner.start();
console.log(`polling ${workers.length} task types; Ctrl-C to stop`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void runner.stop().then(() => process.exit(0)));
}
