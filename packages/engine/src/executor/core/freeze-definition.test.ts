import { describe, expect, it } from 'vitest';
import type { WorkflowDef } from '../../model/workflow-def.js';
import { MemoryDefinitionStore } from '../../testing/memory-stores.js';
import { createHarness, simple } from '../harness.testkit.js';
import { freezeDefinition } from './freeze-definition.js';

const PARENT: WorkflowDef = {
  name: 'parent',
  version: 1,
  tasks: [
    simple('a', 'work'),
    {
      name: 'child',
      taskReferenceName: 'sub',
      type: 'SUB_WORKFLOW',
      subWorkflowParam: { name: 'child' },
    },
    simple('b', 'unregistered'),
  ],
};

async function stores(): Promise<MemoryDefinitionStore> {
  const definitions = new MemoryDefinitionStore();
  await definitions.saveWorkflowDef(PARENT, { overwrite: false });
  await definitions.saveWorkflowDef({ name: 'child', version: 1, tasks: [] }, { overwrite: false });
  await definitions.saveTaskDefs([{ name: 'work', retryCount: 1 }]);
  return definitions;
}

async function freezeStored(definitions: MemoryDefinitionStore): Promise<WorkflowDef> {
  const def = await definitions.getWorkflowDef('parent');
  if (!def) throw new Error('parent is not registered');
  return freezeDefinition(definitions, def, false);
}

function expectDeeplyFrozen(value: unknown, path = '$'): void {
  if (value === null || typeof value !== 'object') return;
  expect(Object.isFrozen(value), path).toBe(true);
  for (const [key, child] of Object.entries(value)) expectDeeplyFrozen(child, `${path}.${key}`);
}

describe('freezeDefinition', () => {
  it('attaches TaskDefs, pins sub-workflow versions and freezes the result deeply', async () => {
    const definitions = await stores();
    const frozen = await freezeStored(definitions);
    expect(frozen.tasks.map((t) => t.taskDefinition)).toEqual([
      expect.objectContaining({ name: 'work', retryCount: 1 }),
      undefined,
      { name: 'unregistered' },
    ]);
    expect(frozen.tasks[1]?.subWorkflowParam?.version).toBe(1);
    expectDeeplyFrozen(frozen);
  });

  it('gives repeated starts of an unchanged stored definition one shared result', async () => {
    const definitions = await stores();
    const first = await freezeStored(definitions);
    expect(await freezeStored(definitions)).toBe(first);
  });

  it('sees a changed TaskDef at the next start', async () => {
    const definitions = await stores();
    const first = await freezeStored(definitions);
    await definitions.updateTaskDef({ name: 'work', retryCount: 7 });
    const next = await freezeStored(definitions);
    expect(next).not.toBe(first);
    expect(next.tasks[0]?.taskDefinition?.retryCount).toBe(7);
    expect(first.tasks[0]?.taskDefinition?.retryCount).toBe(1);
  });

  it('sees a TaskDef registered after a start that lacked it', async () => {
    const definitions = await stores();
    await freezeStored(definitions);
    await definitions.saveTaskDefs([{ name: 'unregistered', retryCount: 4 }]);
    expect((await freezeStored(definitions)).tasks[2]?.taskDefinition?.retryCount).toBe(4);
  });

  it('pins the latest sub-workflow version at each start', async () => {
    const definitions = await stores();
    await freezeStored(definitions);
    await definitions.saveWorkflowDef(
      { name: 'child', version: 2, tasks: [] },
      { overwrite: false },
    );
    expect((await freezeStored(definitions)).tasks[1]?.subWorkflowParam?.version).toBe(2);
  });

  it('copies a definition that is not frozen, at every start', async () => {
    const definitions = await stores();
    const inline: WorkflowDef = { ...PARENT, tasks: [simple('a', 'work')] };
    const first = await freezeDefinition(definitions, inline, false);
    expect(Object.isFrozen(inline)).toBe(false);
    inline.description = 'changed after the start';
    const next = await freezeDefinition(definitions, inline, false);
    expect(next).not.toBe(first);
    expect([first.description, next.description]).toEqual([undefined, 'changed after the start']);
  });

  it('rejects missing TaskDefs in strict mode at every start', async () => {
    const definitions = await stores();
    const def = await definitions.getWorkflowDef('parent');
    if (!def) throw new Error('parent is not registered');
    await freezeDefinition(definitions, def, false);
    await expect(freezeDefinition(definitions, def, true)).rejects.toThrow(
      'Cannot find the task definitions for the following tasks used in workflow: [unregistered]',
    );
  });
});

describe('a workflow start', () => {
  it('freezes the TaskDef as registered at that start', async () => {
    const h = createHarness();
    await h.registerTasks({ name: 'work', retryCount: 1 });
    await h.registerWorkflow({ name: 'wf', tasks: [simple('a', 'work')] });
    const first = await h.start('wf');
    await h.stores.definitions.updateTaskDef({ name: 'work', retryCount: 3 });
    const second = await h.start('wf');
    const retryCounts = async (id: string) => {
      const workflow = await h.workflow(id);
      return [
        workflow.workflowDefinition.tasks[0]?.taskDefinition?.retryCount,
        workflow.tasks[0]?.taskDefinition?.retryCount,
      ];
    };
    expect(await retryCounts(first)).toEqual([1, 1]);
    expect(await retryCounts(second)).toEqual([3, 3]);
  });
});
