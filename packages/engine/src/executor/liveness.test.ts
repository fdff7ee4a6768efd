/**
 * Liveness limits (issue 14 §1, issue 15 findings 1 and 16): task-timeout reports, the sweeper's
 * back-off for decides that change nothing, the sub-workflow nesting limit and the dynamic fork
 * fan-out limit, on the memory stores.
 */
import { describe, expect, it } from 'vitest';
import type { WorkflowTask } from '../model/workflow-def.js';
import { DEFAULT_MAX_DYNAMIC_FORK_BRANCHES, DEFAULT_MAX_SUBWORKFLOW_DEPTH } from './core/engine.js';
import { createHarness, simple, type Harness } from './harness.testkit.js';
import { IDLE_BACKOFF_FIRST_MS, idleBackoffMs } from './background/sweep.js';
import type { TaskTimeoutAlert } from './core/timeout-alerts.js';

/** Sweeps until nothing is due; returns how many decides that took. */
async function drainSweeps(h: Harness, limit = 100): Promise<number> {
  let total = 0;
  for (let i = 0; i < limit; i += 1) {
    const n = await h.executor.sweep(50);
    if (n === 0) return total;
    total += n;
  }
  return total;
}

describe('task timeouts nothing acts on', () => {
  async function alertOnly(h: Harness): Promise<string> {
    await h.registerTasks({
      name: 'slow',
      timeoutSeconds: 1,
      responseTimeoutSeconds: 3600,
      timeoutPolicy: 'ALERT_ONLY',
    });
    await h.registerWorkflow({ tasks: [simple('a', 'slow')] });
    const id = await h.start('wf');
    await h.executor.pollTasks('slow', { count: 1 });
    return id;
  }

  it('an ALERT_ONLY timeout is decided once when due, reported once, and the task keeps running', async () => {
    const h = createHarness();
    const alerts: TaskTimeoutAlert[] = [];
    h.executor.onTaskTimeout((a) => alerts.push(a));
    const id = await alertOnly(h);
    h.clock.advanceSeconds(5);
    // Before the fix the deadline kept the workflow due: every sweep decided it again.
    expect(await drainSweeps(h)).toBeLessThanOrEqual(1);
    const task = await h.task(id, 'a');
    // The worker keeps reporting in: each update decides, none re-arms the workflow at once.
    for (let i = 0; i < 3; i += 1) {
      await h.executor.updateTask({
        workflowInstanceId: id,
        taskId: task.taskId,
        status: 'IN_PROGRESS',
        outputData: { i },
      });
      expect(await drainSweeps(h)).toBe(0);
    }
    h.clock.advanceSeconds(31);
    expect(await drainSweeps(h)).toBe(1);
    expect((await h.workflow(id)).status).toBe('RUNNING');
    expect(alerts.map((a) => [a.taskType, a.policy, a.workflowId])).toEqual([
      ['slow', 'ALERT_ONLY', id],
    ]);
  });

  it('a RETRY timeout is reported once too, and times the task out', async () => {
    const h = createHarness();
    const alerts: TaskTimeoutAlert[] = [];
    h.executor.onTaskTimeout((a) => alerts.push(a));
    await h.registerTasks({
      name: 'slow',
      timeoutSeconds: 1,
      retryCount: 0,
      timeoutPolicy: 'RETRY',
    });
    await h.registerWorkflow({ tasks: [simple('a', 'slow')] });
    const id = await h.start('wf');
    await h.executor.pollTasks('slow', { count: 1 });
    h.clock.advanceSeconds(2);
    await drainSweeps(h);
    expect((await h.task(id, 'a')).status).toBe('TIMED_OUT');
    expect(alerts.map((a) => a.policy)).toEqual(['RETRY']);
  });

  it('a SUB_WORKFLOW past the responseTimeoutSeconds of its registered TaskDef is not decided again and again', async () => {
    const h = createHarness();
    await h.registerTasks({ name: 'child', responseTimeoutSeconds: 1 });
    await h.registerWorkflow({ name: 'child', tasks: [simple('c1')] });
    await h.registerWorkflow({
      name: 'parent',
      tasks: [
        {
          name: 'child',
          taskReferenceName: 'sub',
          type: 'SUB_WORKFLOW',
          subWorkflowParam: { name: 'child' },
        },
      ],
    });
    const id = await h.start('parent');
    await h.executor.runSystemTasks('SUB_WORKFLOW', 1);
    const sub = await h.task(id, 'sub');
    expect([sub.status, sub.responseTimeoutSeconds]).toEqual(['IN_PROGRESS', 1]);
    h.clock.advanceSeconds(5);
    await drainSweeps(h);
    // Nothing is due before the 30 s offset (before the fix: at once, again and again).
    let decides = 0;
    for (let i = 0; i < 20; i += 1) {
      h.clock.advance(100);
      decides += await drainSweeps(h);
    }
    expect(decides).toBe(0);
    expect((await h.task(id, 'sub')).status).toBe('IN_PROGRESS');
  });
});

describe("the sweeper's back-off", () => {
  it('grows from 100 ms, doubling, up to the offset', () => {
    expect([0, 1, 2, 3, 10, 60].map((n) => idleBackoffMs(n, 30_000))).toEqual([
      0,
      IDLE_BACKOFF_FIRST_MS,
      2 * IDLE_BACKOFF_FIRST_MS,
      4 * IDLE_BACKOFF_FIRST_MS,
      30_000,
      30_000,
    ]);
  });
});

describe('re-checks of a workflow whose sweeps change nothing', () => {
  /** Sweeps every 5 s for `seconds`; returns the times (s) at which the workflow was decided. */
  async function sweepTimes(h: Harness, seconds: number, until?: () => Promise<boolean>) {
    const times: number[] = [];
    for (let t = 5; t <= seconds; t += 5) {
      h.clock.advanceSeconds(5);
      if ((await drainSweeps(h)) > 0) times.push(t);
      if (until && (await until())) break;
    }
    return times;
  }

  it('come less and less often while the workflow waits for a worker', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('a')] });
    await h.start('wf');
    // The offset (30 s), then 30, 60, 120 and 240 s later, then every 5 minutes.
    expect(await sweepTimes(h, 1_200)).toEqual([30, 60, 120, 240, 480, 780, 1080]);
  });

  it('never postpone a deadline the decider acts on', async () => {
    const h = createHarness();
    await h.registerTasks({ name: 'slow', responseTimeoutSeconds: 585, retryCount: 0 });
    await h.registerWorkflow({ tasks: [simple('a', 'slow')] });
    const id = await h.start('wf');
    await h.executor.pollTasks('slow', { count: 1 });
    const timedOut = async () => (await h.task(id, 'a')).status === 'TIMED_OUT';
    const times = await sweepTimes(h, 1_200, timedOut);
    expect(await timedOut()).toBe(true);
    expect(times.at(-1)).toBe(585);
  });
});

describe('SUB_WORKFLOW nesting limit', () => {
  const selfStarting: WorkflowTask = {
    name: 'self',
    taskReferenceName: 'again',
    type: 'SUB_WORKFLOW',
    subWorkflowParam: { name: 'self' },
  };

  it('fails the task that would nest deeper than the limit, and every ancestor with it', async () => {
    const h = createHarness({ maxSubWorkflowDepth: 3 });
    await h.registerWorkflow({ name: 'self', tasks: [selfStarting] });
    const root = await h.start('self');
    for (let i = 0; i < 20 && (await h.executor.runSystemTasks('SUB_WORKFLOW', 10)) > 0; i += 1);
    const chain = [await h.workflow(root)];
    for (;;) {
      const childId = chain.at(-1)!.tasks[0]!.subWorkflowId;
      if (!childId) break;
      chain.push(await h.workflow(childId));
    }
    expect(chain.map((w) => w.status)).toEqual(['FAILED', 'FAILED', 'FAILED', 'FAILED']);
    const deepest = chain.at(-1)!.tasks[0]!;
    expect(deepest.status).toBe('FAILED_WITH_TERMINAL_ERROR');
    expect(deepest.reasonForIncompletion).toBe(
      'Sub workflow self was not started: it would be nested 4 levels deep, and the limit is 3 levels (maxSubWorkflowDepth)',
    );
    expect(chain[0]!.reasonForIncompletion).toContain('nested 4 levels deep');
  });

  it('allows nesting up to the limit', async () => {
    const h = createHarness({ maxSubWorkflowDepth: 1 });
    await h.registerWorkflow({ name: 'leaf', tasks: [simple('l')] });
    await h.registerWorkflow({
      name: 'top',
      tasks: [{ ...selfStarting, name: 'leaf', subWorkflowParam: { name: 'leaf' } }],
    });
    const id = await h.start('top');
    await h.executor.runSystemTasks('SUB_WORKFLOW', 1);
    expect((await h.task(id, 'again')).status).toBe('IN_PROGRESS');
    expect(DEFAULT_MAX_SUBWORKFLOW_DEPTH).toBe(32);
  });
});

describe('dynamic fork fan-out limit', () => {
  async function fork(h: Harness, n: number): Promise<string> {
    await h.registerWorkflow({
      tasks: [
        {
          name: 'dyn',
          taskReferenceName: 'dyn',
          type: 'FORK_JOIN_DYNAMIC',
          inputParameters: { forkTaskName: 'work', forkTaskInputs: '${workflow.input.items}' },
        },
        { name: 'j', taskReferenceName: 'j', type: 'JOIN' },
      ],
    });
    return h.start('wf', { items: Array.from({ length: n }, (_, i) => ({ i })) });
  }

  it('fails the workflow, creating no branch, when there are more branches than the limit', async () => {
    const h = createHarness({ maxDynamicForkBranches: 3 });
    const id = await fork(h, 4);
    const wf = await h.workflow(id);
    expect(wf.status).toBe('FAILED');
    expect(wf.reasonForIncompletion).toBe(
      'Dynamic fork dyn was given 4 tasks to fork, more than the limit of 3 (maxDynamicForkBranches)',
    );
    expect(wf.tasks.filter((t) => t.taskType === 'work')).toEqual([]);
  });

  it('forks up to the limit', async () => {
    const h = createHarness({ maxDynamicForkBranches: 3 });
    const id = await fork(h, 3);
    expect((await h.workflow(id)).status).toBe('RUNNING');
    expect((await h.workflow(id)).tasks.filter((t) => t.taskType === 'work')).toHaveLength(3);
  });

  it("reads the branches' TaskDef once and queues them with one push", async () => {
    const h = createHarness({}, { queueChangesInWrites: false });
    const reads: string[] = [];
    const getTaskDef = h.stores.definitions.getTaskDef.bind(h.stores.definitions);
    h.stores.definitions.getTaskDef = (name) => (reads.push(name), getTaskDef(name));
    const pushes: Array<[string, number]> = [];
    const push = h.stores.queue.push.bind(h.stores.queue);
    h.stores.queue.push = (queue, messages) => (
      pushes.push([queue, messages.length]),
      push(queue, messages)
    );
    await fork(h, 3);
    expect(reads).toEqual(['work']);
    expect(pushes.filter(([queue]) => queue === 'work')).toEqual([['work', 3]]);
  });

  it('refuses 20,000 branches at once by default', async () => {
    const h = createHarness();
    const id = await fork(h, 20_000);
    expect((await h.workflow(id)).reasonForIncompletion).toContain(
      `more than the limit of ${DEFAULT_MAX_DYNAMIC_FORK_BRANCHES}`,
    );
  });
});
