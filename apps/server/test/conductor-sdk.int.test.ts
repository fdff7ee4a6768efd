/**
 * The official Conductor JavaScript SDK against Baton: registering definitions, TaskManager workers,
 * the PB&J v2 (FORK_JOIN/JOIN) and frozen burrito (SWITCH) examples, and operator actions.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Consistency,
  MetadataClient,
  ReturnStrategy,
  TaskClient,
  TaskManager,
  WorkflowExecutor,
  orkesConductorClient,
} from '@io-orkes/conductor-javascript';
import type { ConductorWorker } from '@io-orkes/conductor-javascript';
import { createTestApp } from './helpers.js';
import type { TestApp } from './helpers.js';

const EXAMPLES = resolve(import.meta.dirname, '../../../examples');
const readJson = (file: string): unknown =>
  JSON.parse(readFileSync(resolve(EXAMPLES, file), 'utf8'));

let t: TestApp;
let client: Awaited<ReturnType<typeof orkesConductorClient>>;
let manager: TaskManager | undefined;

async function waitForStatus(executor: WorkflowExecutor, id: string, status: string, ms = 30_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const wf = await executor.getWorkflow(id, true);
    if (wf.status === status || Date.now() > deadline) return wf;
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The SDK runs as users configure it against an authenticated server: with a key id and secret,
// which it trades for a token at POST /api/token and sends as X-Authorization.
const KEY_ID = 'sdk-harness';
const KEY_SECRET = 'sdk-harness-secret';

beforeAll(async () => {
  t = await createTestApp({
    background: { sweepIntervalMs: 200, systemTaskIntervalMs: 200 },
    apiKeys: [{ key: KEY_ID, keySecret: KEY_SECRET, role: 'admin' }],
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  client = await orkesConductorClient({
    serverUrl: `http://127.0.0.1:${port}/api`,
    keyId: KEY_ID,
    keySecret: KEY_SECRET,
  });
}, 300_000);
afterAll(async () => {
  await manager?.stopPolling();
  await t?.close();
});

describe('the Conductor JavaScript SDK', () => {
  it('registers the example definitions through MetadataClient', async () => {
    const metadata = new MetadataClient(client);
    await metadata.registerTasks(readJson('task-defs.json') as never);
    await metadata.registerWorkflowDef(readJson('pbj-v2.json') as never, true);
    await metadata.registerWorkflowDef(readJson('frozen-burrito.json') as never, true);
    const def = await metadata.getWorkflowDef('pbj_workflow', 2);
    expect(def.name).toBe('pbj_workflow');
    expect((await metadata.getTask('get_bread')).name).toBe('get_bread');
  });

  it('runs PB&J v2 and the frozen burrito to completion with TaskManager workers', async () => {
    const names = (readJson('task-defs.json') as Array<{ name: string }>).map((d) => d.name);
    const workers: ConductorWorker[] = names.map((taskDefName) => ({
      taskDefName,
      pollInterval: 50,
      execute: async (task) => ({
        status: 'COMPLETED',
        outputData: { done: taskDefName, input: task.inputData ?? {} },
      }),
    }));
    manager = new TaskManager(client, workers, {
      options: { pollInterval: 50, concurrency: 1, batchPollingTimeout: 200 },
    });
    manager.startPolling();
    const executor = new WorkflowExecutor(client);
    const pbj = await executor.startWorkflow({
      name: 'pbj_workflow',
      version: 2,
      input: { bread: 'rye' },
    });
    const burrito = await executor.startWorkflow({
      name: 'frozen_burrito',
      input: { ovenType: 'microwave' },
    });
    const pbjRun = await waitForStatus(executor, pbj, 'COMPLETED');
    expect(pbjRun.status).toBe('COMPLETED');
    expect(pbjRun.tasks?.some((x) => x.taskType === 'JOIN' && x.status === 'COMPLETED')).toBe(true);
    const burritoRun = await waitForStatus(executor, burrito, 'COMPLETED');
    expect(burritoRun.status).toBe('COMPLETED');
    expect(burritoRun.tasks?.map((x) => x.referenceTaskName)).toContain('zap_first_side');
    await manager.stopPolling();
    manager = undefined;
  });

  it('pauses, resumes, terminates, retries and searches through WorkflowExecutor', async () => {
    const executor = new WorkflowExecutor(client);
    const id = await executor.startWorkflow({
      name: 'frozen_burrito',
      input: { ovenType: 'oven' },
      correlationId: 'sdk-corr',
    });
    await executor.pause(id);
    expect((await executor.getWorkflowStatus(id, false, false)).status).toBe('PAUSED');
    await executor.resume(id);
    expect((await executor.getWorkflowStatus(id, false, false)).status).toBe('RUNNING');
    await executor.terminate(id, 'sdk says stop');
    const terminated = await executor.getWorkflow(id, false);
    expect(terminated.status).toBe('TERMINATED');
    expect(terminated.reasonForIncompletion).toBe('sdk says stop');
    await executor.retry(id, false);
    expect((await executor.getWorkflowStatus(id, false, false)).status).toBe('RUNNING');
    const found = await executor.search(0, 10, `correlationId = 'sdk-corr'`, '*');
    expect(found.results?.map((s) => s.workflowId)).toContain(id);
  });

  it('executes synchronously, runs a mocked test and searches tasks through the SDK', async () => {
    const executor = new WorkflowExecutor(client);
    // Nothing works on frozen_burrito now: the synchronous execute answers when its wait runs out.
    const run = await executor.executeWorkflow(
      { name: 'frozen_burrito', input: { ovenType: 'oven' } },
      'frozen_burrito',
      0,
      'sdk-request',
      '',
      1,
      Consistency.SYNCHRONOUS,
      ReturnStrategy.TARGET_WORKFLOW,
    );
    expect(run).toMatchObject({
      requestId: 'sdk-request',
      status: 'RUNNING',
      signalTimeout: true,
      responseType: 'TARGET_WORKFLOW',
    });
    const tested = await executor.testWorkflow({
      name: 'pbj_workflow',
      version: 2,
      input: { bread: 'rye' },
      taskRefToMockOutput: Object.fromEntries(
        ['get_bread', 'get_peanut_butter', 'get_jelly', 'get_knife'].map((ref) => [
          ref,
          [{ status: 'COMPLETED', output: { mocked: ref } }],
        ]),
      ),
    });
    expect(tested.workflowId).toBeTruthy();
    const mocked = tested.tasks?.filter((x) => x.workerId === 'baton-test') ?? [];
    expect(mocked.length).toBeGreaterThan(0);
    const tasks = await new TaskClient(client).search(
      0,
      10,
      undefined,
      '*',
      `workflowId = '${run.workflowId}'`,
    );
    expect(tasks.results?.every((x) => x.workflowId === run.workflowId)).toBe(true);
    expect(tasks.totalHits).toBeGreaterThan(0);
  });
});
