import { describe, expect, it } from 'vitest';
import { SequentialIds } from '../testing/sequential-ids.js';
import { createWorkflowExecutor } from './create-executor.js';
import { createHarness, simple, testJq, testScriptEvaluator } from './harness.testkit.js';

const STEPS = 30;

/** N SIMPLE tasks in sequence, each reading the previous one's output. */
function sequence(n: number) {
  return Array.from({ length: n }, (_, i) =>
    simple(`s${i}`, 'step', i === 0 ? {} : { inputParameters: { prev: `\${s${i - 1}.output.n}` } }),
  );
}

describe("task tables kept across operations (issue 20's hot executions)", () => {
  it('runs a workflow from its kept table after the first operation', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: sequence(STEPS) });
    const id = await h.start('wf');
    for (let i = 0; i < STEPS; i += 1) {
      const task = await h.complete('step', { n: i });
      expect(task.inputData.prev ?? null).toBe(i === 0 ? null : i - 1);
    }
    expect((await h.workflow(id)).status).toBe('COMPLETED');
    const stats = h.executor.operationStats();
    // One poll and one update per step, each from the table the previous operation saved.
    expect(stats.hotTableHits).toBeGreaterThanOrEqual(2 * STEPS);
    expect(stats.hotTableMisses).toBe(0);
    expect(stats.conflicts).toBe(0);
  });

  it('reads the whole list again when another process saved in between, and decides right', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: sequence(STEPS) });
    const other = createWorkflowExecutor({
      executions: h.stores.executions,
      definitions: h.stores.definitions,
      queue: h.stores.queue,
      clock: h.clock,
      ids: new SequentialIds('other-'),
      evaluator: testScriptEvaluator,
      jq: testJq,
      http: { call: () => Promise.reject(new Error('no http here')) },
      eventSink: { publish: async () => undefined },
      events: h.stores.events,
    });
    const id = await h.start('wf');
    for (let i = 0; i < STEPS; i += 1) {
      // Every third step goes through the other executor, so the first one's table is stale.
      const executor = i % 3 === 2 ? other : h.executor;
      const [task] = await executor.pollTasks('step', { count: 1, workerId: 'w' });
      if (!task) throw new Error(`step ${i} was not scheduled`);
      expect(task.inputData.prev ?? null).toBe(i === 0 ? null : i - 1);
      await executor.updateTask({
        workflowInstanceId: id,
        taskId: task.taskId,
        status: 'COMPLETED',
        outputData: { n: i },
      });
    }
    const wf = await h.workflow(id);
    expect(wf.status).toBe('COMPLETED');
    expect(wf.tasks.map((t) => t.referenceTaskName)).toEqual(
      sequence(STEPS).map((t) => t.taskReferenceName),
    );
    expect(h.executor.operationStats().hotTableMisses).toBeGreaterThan(0);
    expect(other.operationStats().hotTableMisses).toBeGreaterThan(0);
  });

  it('counts a save refused by a concurrent one as a conflict', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      tasks: [
        {
          name: 'f',
          taskReferenceName: 'f',
          type: 'FORK_JOIN',
          forkTasks: [[simple('a')], [simple('b')]],
        },
        { name: 'j', taskReferenceName: 'j', type: 'JOIN', joinOn: ['a', 'b'] },
      ],
    });
    const id = await h.start('wf');
    const [a] = await h.executor.pollTasks('a', { count: 1 });
    const [b] = await h.executor.pollTasks('b', { count: 1 });
    await Promise.all(
      [a, b].map((t) =>
        h.executor.updateTask({
          workflowInstanceId: id,
          taskId: t?.taskId as string,
          status: 'COMPLETED',
        }),
      ),
    );
    expect((await h.workflow(id)).status).toBe('COMPLETED');
    expect(h.executor.operationStats().conflicts).toBeGreaterThan(0);
  });
});
