/**
 * Helpers for the Redis integration tests: clients on the test Redis, a random key prefix per
 * test file, and workflow/task builders.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Task, Workflow } from '@baton/engine';
import { RedisKeys } from '../../src/redis/keys.js';

/** A fresh key prefix, so test files never see each other's keys. */
export function randomKeys(): RedisKeys {
  return new RedisKeys(`test-${randomUUID()}:`);
}

/** A standalone client with the stores' defaults. */
export function connect(url: string): Redis {
  return new Redis(url, { enableAutoPipelining: true, maxRetriesPerRequest: 3 });
}

/** Deletes every key under the prefix (SCAN + UNLINK). */
export async function dropKeys(client: Redis, keys: RedisKeys): Promise<void> {
  let cursor = '0';
  do {
    const [next, found] = await client.scan(cursor, 'MATCH', `${keys.prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (found.length > 0) await client.unlink(...found);
  } while (cursor !== '0');
}

export function testWorkflow(overrides: Partial<Workflow> = {}): Workflow {
  const workflowDefinition = { name: 'wf', version: 1, tasks: [] };
  return {
    workflowId: randomUUID(),
    workflowName: 'wf',
    workflowVersion: 1,
    status: 'RUNNING',
    input: {},
    output: {},
    variables: {},
    tasks: [],
    createTime: 1,
    startTime: 1,
    failedReferenceTaskNames: [],
    failedTaskNames: [],
    priority: 0,
    workflowDefinition,
    ...overrides,
  } as Workflow;
}

export function testTask(workflow: Workflow, seq: number, overrides: Partial<Task> = {}): Task {
  return {
    taskId: randomUUID(),
    taskType: 't',
    taskDefName: 't',
    referenceTaskName: `t${seq}`,
    status: 'SCHEDULED',
    inputData: {},
    outputData: {},
    seq,
    retryCount: 0,
    retried: false,
    executed: false,
    pollCount: 0,
    workflowInstanceId: workflow.workflowId,
    workflowType: workflow.workflowName,
    workflowPriority: 0,
    scheduledTime: 1,
    startTime: 0,
    endTime: 0,
    updateTime: 1,
    startDelayInSeconds: 0,
    callbackAfterSeconds: 0,
    responseTimeoutSeconds: 0,
    callbackFromWorker: true,
    iteration: 0,
    workflowTask: { name: 't', taskReferenceName: `t${seq}`, type: 'SIMPLE' },
    ...overrides,
  } as Task;
}
