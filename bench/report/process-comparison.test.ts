import { describe, expect, it } from 'vitest';
import {
  buildProcessComparison,
  comparisonPhase,
  renderProcessComparison,
  sameRateComparison,
  type ComparisonPass,
} from './process-comparison.js';
import { BURST_SATURATION_PHASE } from './assemble.js';
import { redonePerTask } from '../stats/redone-work.js';
import type { RunSample } from '../stack/sampler.js';

/** A pass whose reported step ran `tasks` task executions in 10 s at `rate` wf/s. */
function pass(processes: number, tasks: number, rate: number, conflicts: number): ComparisonPass {
  const step = {
    rate,
    verdict: { held: true, startedPerSecond: rate, completedPerSecond: rate },
    extra: {
      workers: { tasks, seconds: 10 },
      redone: redonePerTask(
        { conflicts, staleRetries: 0, hotTableHits: 900, hotTableMisses: 100 },
        tasks,
      ),
    },
  };
  return {
    processes,
    store: 'redis+postgres',
    baton: { steps: [step], hold: null, heldRate: rate, reported: step },
    burst: { saturation: { requestsPerSecond: 1000 * processes } },
  } as unknown as ComparisonPass;
}

const sample = (phase: string, serverCpuPct: number, redisCpuPct = 10) =>
  ({ phase, serverCpuPct, redisCpuPct, postgresCpuPct: null }) as unknown as RunSample;

describe('comparisonPhase', () => {
  it('keeps the usual label for one process and suffixes it otherwise', () => {
    expect(comparisonPhase('baton-sustained', 1)).toBe('baton-sustained');
    expect(comparisonPhase('baton-sustained', 2)).toBe('baton-sustained@2p');
  });
});

describe('buildProcessComparison', () => {
  // One process: 2 samples at 100 % = 2,000 ms over 1,000 tasks = 2 ms per task.
  // Two processes: 2 samples at 210 % = 4,200 ms over 2,000 tasks = 2.1 ms per task.
  const samples = [
    sample('baton-sustained', 100),
    sample('baton-sustained', 100),
    sample('baton-sustained@2p', 210, 30),
    sample('baton-sustained@2p', 210, 30),
    sample(BURST_SATURATION_PHASE, 100),
    sample(`${BURST_SATURATION_PHASE}@2p`, 180),
  ];

  it('puts each pass in a row from its own samples and its reported step', () => {
    const c = buildProcessComparison([pass(1, 1000, 20, 5), pass(2, 2000, 40, 40)], samples);
    expect(c.rows).toHaveLength(2);
    expect(c.rows[0]).toMatchObject({
      processes: 1,
      heldRate: 20,
      offeredRate: 20,
      held: true,
      workflowsPerSecond: 20,
      taskExecutionsPerSecond: 100,
      serverMsPerTask: 2,
      redisMsPerTask: 0.2,
      conflictsPerTask: 0.005,
      staleRetriesPerTask: 0,
      hotTableMissRatio: 0.1,
      burstStartsPerSecond: 1000,
      serverMsPerStart: 1,
    });
    expect(c.rows[1]).toMatchObject({
      processes: 2,
      taskExecutionsPerSecond: 200,
      serverMsPerTask: 2.1,
      redisMsPerTask: 0.3,
      conflictsPerTask: 0.02,
      burstStartsPerSecond: 2000,
      serverMsPerStart: 0.9,
    });
    expect(c.serverMsPerTaskRatio).toBe(1.05);
    expect(c.serverCpuWithinTolerance).toBe(true);
  });

  it('fails the 10 % check when two processes cost more CPU per task', () => {
    const costly = [...samples.slice(0, 2), sample('baton-sustained@2p', 300)];
    const c = buildProcessComparison([pass(1, 1000, 20, 0), pass(2, 2000, 40, 0)], costly);
    // 3,000 ms over 2,000 tasks = 1.5 ms against 2 ms: cheaper, within.
    expect(c.serverMsPerTaskRatio).toBe(0.75);
    const worse = buildProcessComparison(
      [pass(1, 1000, 20, 0), pass(2, 1000, 40, 0)],
      [...samples.slice(0, 2), sample('baton-sustained@2p', 230)],
    );
    expect(worse.serverMsPerTaskRatio).toBe(1.15);
    expect(worse.serverCpuWithinTolerance).toBe(false);
  });

  it('leaves the check unmade when a pass has no CPU figure', () => {
    const c = buildProcessComparison([pass(1, 1000, 20, 0), pass(2, 2000, 40, 0)], []);
    expect(c.rows[0]?.serverMsPerTask).toBeNull();
    expect(c.serverMsPerTaskRatio).toBeNull();
    expect(c.serverCpuWithinTolerance).toBeNull();
  });
});

describe('renderProcessComparison', () => {
  it('writes one table row per pass and the verdict of the CPU check', () => {
    const samples = [sample('baton-sustained', 100), sample('baton-sustained@2p', 230)];
    const text = renderProcessComparison(
      buildProcessComparison([pass(1, 500, 20, 5), pass(2, 1000, 40, 40)], samples),
    ).join('\n');
    expect(text).toContain('## Server processes compared (`--compare-processes`)');
    expect(text).toContain(
      '| 1 (redis+postgres) | 20 (20, held) | 50 | 2.000 | 0.200 | 0.0100 | 0.0000 | 0.1000 | 1,000 |',
    );
    expect(text).toContain(
      '| 2 (redis+postgres) | 40 (40, held) | 100 | 2.300 | 0.100 | 0.0400 | 0.0000 | 0.1000 | 2,000 |',
    );
    expect(text).toContain('1.15× that of one process: **not within** the 10 %');
  });

  it('marks a step that did not hold and dashes what was not measured', () => {
    const p = pass(1, 0, 20, 0);
    const step = p.baton!.reported!;
    (step.verdict as { held: boolean }).held = false;
    step.extra.redone = null;
    const text = renderProcessComparison(buildProcessComparison([p], [])).join('\n');
    expect(text).toContain(
      '| 1 (redis+postgres) | 20 (20, not held) | 0 | – | – | – | – | – | 1,000 |',
    );
    expect(text).toContain('was not measured for both');
  });

  it('writes nothing without a comparison', () => {
    expect(renderProcessComparison(null)).toEqual([]);
  });
});

describe('sameRateComparison', () => {
  /** A pass whose steps at `rates` held (each 4 s from `t0`, 400 tasks), the last one not held. */
  function steppedPass(processes: number, held: number[], failed: number, t0: number) {
    const steps = [...held, failed].map((rate, i) => ({
      rate,
      verdict: { held: rate !== failed, startedPerSecond: rate, completedPerSecond: rate },
      window: { startMs: t0 + i * 4000, endMs: t0 + i * 4000 + 4000 },
      extra: {
        workers: { tasks: 400, seconds: 4 },
        redone: redonePerTask(
          { conflicts: 0, staleRetries: 0, hotTableHits: 1, hotTableMisses: 0 },
          400,
        ),
      },
    }));
    return {
      processes,
      store: 'redis+postgres',
      baton: { steps, hold: null, heldRate: held[held.length - 1], reported: steps[0] },
      burst: null,
    } as unknown as ComparisonPass;
  }
  /** One sample a second over `seconds` from `t0` at `pct` % of a core. */
  const samplesAt = (phase: string, t0: number, seconds: number, pct: number) =>
    Array.from(
      { length: seconds },
      (_, i) =>
        ({ phase, epochMs: t0 + (i + 1) * 1000, serverCpuPct: pct }) as unknown as RunSample,
    );

  it('compares the steps at the highest rate both passes held, from the samples inside them', () => {
    // One process held 25 and 50 (failed 100); two held 25 and 50 too (failed 100).
    const one = steppedPass(1, [25, 50], 100, 0);
    const two = steppedPass(2, [25, 50], 100, 100_000);
    const samples = [
      // Step 2 (50/s) of one process: 4 samples at 50 % → 2,000 ms over 400 tasks = 5 ms.
      ...samplesAt('baton-sustained', 4000, 4, 50),
      // Step 2 of two processes: 4 samples at 60 % → 2,400 ms over 400 tasks = 6 ms.
      ...samplesAt('baton-sustained@2p', 104_000, 4, 60),
      // Samples of the other steps, at very different rates, must not count.
      ...samplesAt('baton-sustained', 0, 4, 400),
      ...samplesAt('baton-sustained@2p', 108_000, 4, 900),
    ];
    const same = sameRateComparison([one, two], samples);
    expect(same).toEqual({ rate: 50, serverMsPerTask: [5, 6], ratio: 1.2, withinTolerance: false });
    const text = renderProcessComparison(buildProcessComparison([one, two], samples)).join('\n');
    expect(text).toContain('At the same offered rate, 50 workflows/s');
    expect(text).toContain('1.2×, **not within**');
  });

  it('is null when no rate held in every pass', () => {
    const one = steppedPass(1, [25, 50], 100, 0);
    const two = steppedPass(2, [], 25, 100_000);
    expect(sameRateComparison([one, two], [])).toBeNull();
    const text = renderProcessComparison(buildProcessComparison([one, two], [])).join('\n');
    expect(text).toContain('not compared at one rate');
  });

  it('leaves a figure out when the step has no window (results of an older run)', () => {
    const one = steppedPass(1, [25], 50, 0);
    const two = steppedPass(2, [25], 50, 100_000);
    const old = {
      ...two,
      baton: { ...two.baton, steps: two.baton?.steps.map((s) => ({ ...s, window: undefined })) },
    } as ComparisonPass;
    const same = sameRateComparison([one, old], samplesAt('baton-sustained', 0, 4, 50));
    expect(same?.serverMsPerTask).toEqual([5, null]);
    expect(same?.ratio).toBeNull();
  });
});
