import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workflow } from '@baton/engine';
import { createPgliteStores } from '@baton/stores';

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'baton-pglite-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('PGlite on disk', () => {
  it('keeps definitions, executions and queue messages across close and reopen', async () => {
    const first = await createPgliteStores({ dataDir });
    await first.definitions.saveWorkflowDef(
      { name: 'durable', version: 2, tasks: [] },
      { overwrite: false },
    );
    await first.definitions.saveTaskDefs([{ name: 'durable_task', retryCount: 7 }]);
    const workflow: Workflow = {
      workflowId: 'wf-durable',
      workflowName: 'durable',
      workflowVersion: 2,
      status: 'RUNNING',
      input: { a: 1 },
      output: {},
      variables: {},
      tasks: [],
      createTime: 1,
      startTime: 1,
      failedReferenceTaskNames: [],
      failedTaskNames: [],
      priority: 0,
      workflowDefinition: { name: 'durable', version: 2, tasks: [] },
    };
    await first.executions.createExecution(workflow);
    await first.queue.push('durable_q', [{ id: 'wf-durable', priority: 5, delayMs: 0 }]);
    await first.close();

    const second = await createPgliteStores({ dataDir });
    try {
      expect((await second.definitions.getWorkflowDef('durable'))?.version).toBe(2);
      expect((await second.definitions.getTaskDef('durable_task'))?.retryCount).toBe(7);
      const stored = await second.executions.getExecution('wf-durable');
      expect(stored?.revision).toBe(1);
      expect(stored?.workflow.input).toEqual({ a: 1 });
      expect(await second.queue.pop('durable_q', 1, 1_000)).toEqual(['wf-durable']);
    } finally {
      await second.close();
    }
  });
});
