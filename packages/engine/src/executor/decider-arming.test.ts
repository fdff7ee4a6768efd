import { describe, expect, it } from 'vitest';
import { DECIDER_QUEUE } from '../ports/task-queue.js';
import { createWorkflowExecutor } from './create-executor.js';
import {
  createHarness,
  simple,
  testJq,
  testScriptEvaluator,
  type Harness,
} from './harness.testkit.js';
import { ARMED_MARGIN_MS } from './core/queue-sync.js';

/** Counts pushes to the decider queue. */
function countDeciderPushes(h: Harness): { count: number } {
  const counter = { count: 0 };
  const push = h.stores.queue.push.bind(h.stores.queue);
  h.stores.queue.push = async (queue, messages) => {
    if (queue === DECIDER_QUEUE) counter.count += 1;
    await push(queue, messages);
  };
  return counter;
}

/** A second executor on the same stores: another server. */
function otherServer(h: Harness) {
  return createWorkflowExecutor({
    executions: h.stores.executions,
    definitions: h.stores.definitions,
    queue: h.stores.queue,
    clock: h.clock,
    ids: { newId: () => `other-${Math.random()}` },
    evaluator: testScriptEvaluator,
    jq: testJq,
    http: { call: async () => ({ statusCode: 200, reasonPhrase: 'OK', headers: {}, body: '' }) },
  });
}

describe('arming the decider queue', () => {
  it('arms a started workflow once while its next deadline only moves later', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('a'), simple('b'), simple('c')] });
    const pushes = countDeciderPushes(h);
    const id = await h.start('wf');
    const afterStart = pushes.count;
    expect(afterStart).toBe(1);
    h.clock.advanceSeconds(1);
    await h.complete('a');
    h.clock.advanceSeconds(1);
    await h.complete('b');
    expect(pushes.count).toBe(afterStart);
    expect(await h.stores.queue.contains(DECIDER_QUEUE, id)).toBe(true);
    await h.complete('c');
    expect((await h.workflow(id)).status).toBe('COMPLETED');
    expect(await h.stores.queue.contains(DECIDER_QUEUE, id)).toBe(false);
  });

  it('pushes when a deadline comes earlier than the message', async () => {
    const h = createHarness();
    await h.registerTasks({ name: 'quick', responseTimeoutSeconds: 5, timeoutSeconds: 0 });
    await h.registerWorkflow({ tasks: [simple('a', 'quick')] });
    const id = await h.start('wf');
    const pushes = countDeciderPushes(h);
    await h.executor.pollTasks('quick', { count: 1 });
    expect(pushes.count).toBe(1);
    // The response timeout is then found by the sweeper at its time.
    h.clock.advanceSeconds(6);
    expect(await h.executor.sweep(10)).toBe(1);
    expect((await h.workflow(id)).tasks[0]?.status).toBe('TIMED_OUT');
  });

  it('pushes when another server saved in between, or when the message is nearly due', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('a'), simple('b'), simple('c')] });
    const id = await h.start('wf');
    const pushes = countDeciderPushes(h);
    await otherServer(h).pollTasks('a', { count: 1 });
    expect(pushes.count).toBe(1);
    const task = (await h.workflow(id)).tasks[0]!;
    await h.executor.updateTask({
      workflowInstanceId: task.workflowInstanceId,
      taskId: task.taskId,
      status: 'COMPLETED',
    });
    expect(pushes.count).toBe(2);
    // Armed 30 s ahead; with less than the margin left, the next save pushes again.
    h.clock.advance(30_000 - ARMED_MARGIN_MS + 1);
    await h.executor.pollTasks('b', { count: 1 });
    expect(pushes.count).toBe(3);
  });
});
