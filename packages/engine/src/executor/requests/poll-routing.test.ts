import { describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../testing/memory-stores.js';
import { FakeClock } from '../../testing/fake-clock.js';
import type { Task } from '../../model/task.js';
import type { WorkflowDef } from '../../model/workflow-def.js';
import type { RemoteClaim, WorkRouting } from '../../ports/work-routing.js';
import { affinitySlot, ownerOf } from '../../routing/affinity.js';
import { createWorkflowExecutor } from '../create-executor.js';
import type { WorkflowExecutor } from '../executor-api.js';
import { simple, testJq, testScriptEvaluator } from '../harness.testkit.js';

let counter = 0;
/** A unique id ending in two random hex digits, as a UUID does. */
function hexId(): string {
  counter += 1;
  return `t${counter}_${Math.floor(Math.random() * 256)
    .toString(16)
    .padStart(2, '0')}`;
}

/** Two executors on shared stores, as two processes of a group; process 1 can be made unreachable. */
function group() {
  const clock = new FakeClock();
  const stores = createMemoryStores({ clock });
  const calls: Array<{ from: number; to: number; claim: RemoteClaim }> = [];
  const reachable = [true, true];
  const executors: WorkflowExecutor[] = [];
  const routing = (index: number): WorkRouting => ({
    processes: 2,
    index,
    async claimElsewhere(owner, claim) {
      calls.push({ from: index, to: owner, claim });
      if (!reachable[owner]) return null;
      return executors[owner]!.claimPopped(claim);
    },
  });
  for (const index of [0, 1]) {
    executors.push(
      createWorkflowExecutor({
        executions: stores.executions,
        definitions: stores.definitions,
        queue: stores.queue,
        clock,
        ids: { newId: () => hexId() },
        evaluator: testScriptEvaluator,
        jq: testJq,
        http: {
          call: async () => ({ statusCode: 200, reasonPhrase: 'OK', headers: {}, body: '' }),
        },
        routing: routing(index),
      }),
    );
  }
  return { clock, stores, executors, calls, reachable };
}

const def: WorkflowDef = {
  name: 'routed',
  version: 1,
  schemaVersion: 2,
  tasks: [simple('a', 'routed_a'), simple('b', 'routed_b')],
} as WorkflowDef;

describe('polls in a group of processes', () => {
  it('has the owner claim tasks of its workflows, and hands every task out once', async () => {
    const g = group();
    await g.stores.definitions.saveWorkflowDef(def, { overwrite: true });
    const ids: string[] = [];
    for (let i = 0; i < 24; i += 1)
      ids.push(await g.executors[0]!.startWorkflow({ name: 'routed', input: {} }));
    // Tasks carry their workflow's slot.
    for (const id of ids) {
      const wf = await g.executors[0]!.getWorkflow(id, { includeTasks: true });
      expect(wf.tasks.map((t) => affinitySlot(t.taskId))).toEqual([affinitySlot(id)]);
    }
    const polled: Task[] = [];
    for (let round = 0; round < 10 && polled.length < 24; round += 1) {
      polled.push(...(await g.executors[0]!.pollTasks('routed_a', { count: 5, workerId: 'w' })));
    }
    expect(polled.map((t) => t.workflowInstanceId).sort()).toEqual([...ids].sort());
    expect(polled.every((t) => t.status === 'IN_PROGRESS' && t.workerId === 'w')).toBe(true);
    const remote = g.calls.flatMap((c) => c.claim.ids);
    const owned1 = polled.filter((t) => ownerOf(t.taskId, 2) === 1).map((t) => t.taskId);
    expect(owned1.length).toBeGreaterThan(0);
    expect(remote.sort()).toEqual(owned1.sort());
    expect(
      g.calls.every((c) => c.from === 0 && c.to === 1 && c.claim.queueName === 'routed_a'),
    ).toBe(true);
    // Nothing is left to hand out twice.
    expect(await g.executors[1]!.pollTasks('routed_a', { count: 50, workerId: 'x' })).toEqual([]);
    expect(await g.stores.queue.size('routed_a')).toBe(0);
  });

  it('claims the tasks itself when their owner cannot be reached', async () => {
    const g = group();
    g.reachable[1] = false;
    await g.stores.definitions.saveWorkflowDef(def, { overwrite: true });
    const ids: string[] = [];
    for (let i = 0; i < 12; i += 1)
      ids.push(await g.executors[0]!.startWorkflow({ name: 'routed', input: {} }));
    const polled = await g.executors[0]!.pollTasks('routed_a', { count: 12, workerId: 'w' });
    expect(polled).toHaveLength(12);
    expect(g.calls.length).toBeGreaterThan(0);
    expect(await g.stores.queue.size('routed_a')).toBe(0);
  });

  it('refuses a claim for a queue that does not match the task type, or an internal queue', async () => {
    const g = group();
    await g.stores.definitions.saveWorkflowDef(def, { overwrite: true });
    const id = await g.executors[0]!.startWorkflow({ name: 'routed', input: {} });
    const [task] = (await g.executors[0]!.getWorkflow(id, { includeTasks: true })).tasks;
    const ids = [task!.taskId];
    expect(
      await g.executors[1]!.claimPopped({ queueName: 'other', taskType: 'routed_a', ids }),
    ).toEqual([null]);
    expect(
      await g.executors[1]!.claimPopped({
        queueName: '_deciderQueue',
        taskType: '_deciderQueue',
        ids,
      }),
    ).toEqual([null]);
    expect(
      (await g.executors[1]!.claimPopped({ queueName: 'routed_a', taskType: 'routed_a', ids }))[0]
        ?.status,
    ).toBe('IN_PROGRESS');
  });
});
