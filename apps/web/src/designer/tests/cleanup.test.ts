import { describe, expect, it } from 'vitest';
import type { Task, Workflow } from '@baton/client';
import { removeTestRun, subWorkflowIds } from './cleanup.js';

const run = (workflowId: string, subs: string[]) =>
  ({
    workflowId,
    tasks: [
      { referenceTaskName: 'a' },
      ...subs.map((id) => ({ referenceTaskName: `sub_${id}`, subWorkflowId: id })),
      { referenceTaskName: 'pending', subWorkflowId: null },
    ] as unknown as Task[],
  }) as Workflow;

function fakeClient(runs: Record<string, Workflow>, errors: Record<string, string> = {}) {
  const calls: { search: string[][]; removed: string[][] } = { search: [], removed: [] };
  return {
    calls,
    workflows: {
      bulkSearch: (ids: string[]) => {
        calls.search.push(ids);
        return Promise.resolve({
          bulkSuccessfulResults: ids.map((id) => runs[id]!).filter(Boolean),
          bulkErrorResults: {},
        });
      },
      bulkTerminateRemove: (ids: string[]) => {
        calls.removed.push(ids);
        return Promise.resolve({ bulkSuccessfulResults: ids, bulkErrorResults: errors });
      },
    },
  };
}

describe('removing a test run after reading it', () => {
  it('lists the sub-workflows its tasks started', () => {
    expect(subWorkflowIds(run('w', ['s1', 's2']))).toEqual(['s1', 's2']);
    expect(subWorkflowIds({ tasks: undefined as never })).toEqual([]);
  });

  it('removes the run first, then every sub-workflow, nested ones too', async () => {
    const client = fakeClient({ s1: run('s1', ['s1a']), s2: run('s2', []), s1a: run('s1a', []) });
    await removeTestRun(client, run('w', ['s1', 's2']));
    expect(client.calls.removed).toEqual([['w', 's1', 's2', 's1a']]);
    expect(client.calls.search).toEqual([['s1', 's2'], ['s1a']]);
  });

  it('removes a run without sub-workflows in one call', async () => {
    const client = fakeClient({});
    await removeTestRun(client, run('w', []));
    expect(client.calls).toEqual({ search: [], removed: [['w']] });
  });

  it('says which executions it could not remove', async () => {
    const client = fakeClient({}, { w: 'No such workflow found by id: w' });
    await expect(removeTestRun(client, run('w', []))).rejects.toThrow(
      'Could not remove test run w (No such workflow found by id: w)',
    );
  });
});
