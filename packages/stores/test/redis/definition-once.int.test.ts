import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Redis } from 'ioredis';
import type { Workflow } from '@baton/engine';
import { RedisExecutionStore } from '../../src/redis/redis-execution-store.js';
import './provided-context.js';
import { connect, dropKeys, randomKeys, testWorkflow } from './support.js';

const keys = randomKeys();
let client: Redis;

beforeAll(() => {
  client = connect(inject('redisUrl'));
});

afterAll(async () => {
  await dropKeys(client, keys);
  await client.quit();
});

const newStore = (): RedisExecutionStore => new RedisExecutionStore({ client, keys });

function withDefinition(description: string): Workflow {
  const workflow = testWorkflow();
  return {
    ...workflow,
    workflowDefinition: { ...workflow.workflowDefinition, description },
  };
}

async function save(store: RedisExecutionStore, workflow: Workflow, revision: number) {
  return store.saveExecution({
    workflow,
    expectedRevision: revision,
    upsertTasks: [],
    deleteTaskIds: [],
  });
}

describe('the definition of a Redis execution', () => {
  it('is stored once, outside the workflow JSON that saves rewrite', async () => {
    const store = newStore();
    const workflow = withDefinition('stored once');
    await store.createExecution(workflow);
    const read = await store.getExecution(workflow.workflowId);
    await save(store, { ...read!.workflow, status: 'PAUSED' }, read!.revision);
    const hash = keys.execution(workflow.workflowId).workflow;
    const [json, definition] = await client.hmget(hash, 'workflow', 'definition');
    expect(JSON.parse(json!).workflowDefinition).toBeNull();
    expect(JSON.parse(definition!)).toEqual(workflow.workflowDefinition);
    expect((await store.getExecution(workflow.workflowId))?.workflow.workflowDefinition).toEqual(
      workflow.workflowDefinition,
    );
  });

  it('is one frozen object shared by the executions of one definition', async () => {
    const store = newStore();
    const first = withDefinition('shared');
    const second = { ...withDefinition('shared'), workflowId: `${first.workflowId}-2` };
    await store.createExecution(first);
    await store.createExecution(second);
    const a = (await store.getExecution(first.workflowId))?.workflow.workflowDefinition;
    const b = (await store.getExecution(second.workflowId))?.workflow.workflowDefinition;
    expect(a).toBe(b);
    expect(Object.isFrozen(a)).toBe(true);
  });

  it('is read by a process that has not seen it yet', async () => {
    const workflow = withDefinition('cold reader');
    await newStore().createExecution(workflow);
    const stored = await newStore().getExecution(workflow.workflowId);
    expect(stored?.workflow.workflowDefinition).toEqual(workflow.workflowDefinition);
  });

  it('is replaced by a save that passes another definition (restart with the latest)', async () => {
    const store = newStore();
    const workflow = withDefinition('version one');
    await store.createExecution(workflow);
    const read = await store.getExecution(workflow.workflowId);
    const replaced = { ...read!.workflow.workflowDefinition, description: 'version two' };
    const revision = await save(store, { ...read!.workflow, workflowDefinition: replaced }, 1);
    const after = await store.getExecution(workflow.workflowId);
    expect(after?.revision).toBe(revision);
    expect(after?.workflow.workflowDefinition).toEqual(replaced);
    expect(
      (await newStore().getExecution(workflow.workflowId))?.workflow.workflowDefinition,
    ).toEqual(replaced);
  });

  it('is stored when a save passes a cached definition of another execution', async () => {
    const store = newStore();
    const source = withDefinition('borrowed');
    const target = withDefinition('own');
    await store.createExecution(source);
    await store.createExecution(target);
    const borrowed = (await store.getExecution(source.workflowId))!.workflow.workflowDefinition;
    const read = await store.getExecution(target.workflowId);
    await save(store, { ...read!.workflow, workflowDefinition: borrowed }, read!.revision);
    const stored = await newStore().getExecution(target.workflowId);
    expect(stored?.workflow.workflowDefinition).toEqual(borrowed);
    expect(stored?.revision).toBe(2);
  });
});
