import { describe, expect, it } from 'vitest';
import { ceilings, renderGaps, tasksPerWorkflow } from './gaps.js';
import type { BenchResults } from './results.js';

const none = { mean: null, max: null };

/** The parts of a run the section reads; the rest is left out. */
function results(overrides: {
  cpu?: Partial<BenchResults['cpu']>;
  taskExecutionsPerSecond?: number | null;
  workflowsPerSecond?: number | null;
  bullmqWorkflowsPerSecond?: number | null;
  targets?: BenchResults['targets'];
}): BenchResults {
  return {
    machine: { nproc: 2 },
    targets: overrides.targets ?? [],
    taskExecutionsPerSecond: overrides.taskExecutionsPerSecond ?? null,
    workflowsPerSecond: overrides.workflowsPerSecond ?? null,
    bullmqWorkflowsPerSecond: overrides.bullmqWorkflowsPerSecond ?? null,
    profile: null,
    cpu: {
      serverSustained: none,
      redisSustained: none,
      postgresSustained: none,
      machineSustained: none,
      postgresSoak: null,
      redisBullmq: none,
      maxLoadAvg1: 0,
      unattributed: none,
      serverMsPerTask: null,
      redisMsPerTask: null,
      postgresMsPerTask: null,
      machineMsPerTask: null,
      workersMsPerTask: null,
      serverMsPerStart: null,
      machineMsPerStart: null,
      ...overrides.cpu,
    },
  } as unknown as BenchResults;
}

describe('ceilings', () => {
  it('divides the cores by the cost for the machine and one core for a server thread', () => {
    expect(ceilings(2, 1.6, 0.8)).toEqual({ machine: 1250, serverThread: 1250 });
    expect(ceilings(2, 0.5, 0.3)).toEqual({ machine: 4000, serverThread: 3333 });
  });

  it('has no ceiling for a cost that was not measured', () => {
    expect(ceilings(2, null, 0)).toEqual({ machine: null, serverThread: null });
  });
});

describe('tasksPerWorkflow', () => {
  it('is task executions over workflows per second', () => {
    expect(tasksPerWorkflow({ taskExecutionsPerSecond: 1068, workflowsPerSecond: 83 })).toBe(12.9);
    expect(tasksPerWorkflow({ taskExecutionsPerSecond: 1068, workflowsPerSecond: null })).toBe(
      null,
    );
  });
});

describe('renderGaps', () => {
  it('sets the measured cost per task execution against what the cores and the target allow', () => {
    const text = renderGaps(
      results({
        cpu: {
          machineSustained: { mean: 190, max: 200 },
          serverMsPerTask: 0.9,
          redisMsPerTask: 0.2,
          postgresMsPerTask: 0.1,
          workersMsPerTask: 0.3,
          machineMsPerTask: 1.6,
        },
        taskExecutionsPerSecond: 1200,
        workflowsPerSecond: 92.3,
        targets: [
          {
            name: 'Task executions',
            target: '≥ 3,000 /s',
            actual: '1200 /s',
            met: false,
            factor: 2.5,
          },
        ],
      }),
    ).join('\n');
    expect(text).toContain('## How far from the targets, and why');
    expect(text).toContain('Missed: Task executions (1200 /s, 2.5× from ≥ 3,000 /s).');
    expect(text).toContain('190 % busy on average (at most 200 %)');
    // 2,000 ms of CPU per second over 1.6 ms per task execution; the target needs 0.667 ms.
    expect(text).toContain('at most about 1,250 task executions per second');
    expect(text).toContain('at most 0.667 ms per task execution in all, 2.4× less than measured');
    expect(text).toContain('one process can do at most about 1,111 per second');
    // What is not the server, Redis, Postgres or the workers: 1.6 - 1.5 = 0.1 ms.
    expect(text).toContain(
      '| load generator, sampler, kernel and the rest of the machine | 0.100 | 6 % |',
    );
    expect(text).toContain(
      "| the benchmark's workers (one process polling and updating over HTTP) | 0.300 | 19 % |",
    );
    // Without the server: 0.7 ms per task execution, 2,857 per second at most.
    expect(text).toContain('cost 0.700 ms per task execution');
    expect(text).toContain('about 2,857 task executions per second, short of 3,000');
    expect(text).toContain('was 13.0 task executions in this run');
    expect(text).toContain('about 2,730 task executions per second');
  });

  it('explains the starts from their cost at saturation', () => {
    const text = renderGaps(
      results({ cpu: { serverMsPerStart: 0.4, machineMsPerStart: 0.8 } }),
    ).join('\n');
    expect(text).toContain('a start cost 0.400 ms of server CPU and 0.800 ms of the machine');
    expect(text).toContain('one server thread tops out near 2,500 starts per second');
    expect(text).toContain('the machine near 2,500');
  });

  it('writes nothing when nothing was measured', () => {
    expect(renderGaps(results({}))).toEqual([]);
  });
});
