/**
 * Redone work per task execution (issue 20): the server's counters of refused saves, operations
 * run again after starting from a stale in-process copy, and task-table hits and misses, taken as
 * the difference of two `/metrics` scrapes and divided by the task executions in between.
 * @module
 */

/** The four cumulative counters as one scrape read them (summed over the server's processes). */
export interface RedoneCounters {
  /** `baton_execution_conflicts_total` */
  conflicts: number;
  /** `baton_execution_stale_copy_retries_total` */
  staleRetries: number;
  /** `baton_hot_table_hits_total` */
  hotTableHits: number;
  /** `baton_hot_table_misses_total` */
  hotTableMisses: number;
}

/** Redone work over a measured window, per task execution. */
export interface RedoneWork {
  /** Task executions in the window (the workers' count). */
  tasks: number;
  /** Counter increases over the window. */
  delta: RedoneCounters;
  conflictsPerTask: number | null;
  staleRetriesPerTask: number | null;
  /** misses ÷ (hits + misses); null when neither moved. */
  hotTableMissRatio: number | null;
}

/** All zero: what a server without the counters reports. */
export const NO_REDONE_COUNTERS: RedoneCounters = {
  conflicts: 0,
  staleRetries: 0,
  hotTableHits: 0,
  hotTableMisses: 0,
};

/**
 * The increase of each counter from `before` to `after`. A counter that went down (the server
 * restarted, or a process of a multi-process server did) counts from zero: its `after` value.
 */
export function counterDelta(before: RedoneCounters, after: RedoneCounters): RedoneCounters {
  const d = (k: keyof RedoneCounters) =>
    after[k] >= before[k] ? after[k] - before[k] : Math.max(0, after[k]);
  return {
    conflicts: d('conflicts'),
    staleRetries: d('staleRetries'),
    hotTableHits: d('hotTableHits'),
    hotTableMisses: d('hotTableMisses'),
  };
}

/** Two windows' increases added up (windows measured apart, such as the rounds of one size). */
export function sumCounters(a: RedoneCounters, b: RedoneCounters): RedoneCounters {
  return {
    conflicts: a.conflicts + b.conflicts,
    staleRetries: a.staleRetries + b.staleRetries,
    hotTableHits: a.hotTableHits + b.hotTableHits,
    hotTableMisses: a.hotTableMisses + b.hotTableMisses,
  };
}

const r4 = (v: number) => Math.round(v * 10_000) / 10_000;

/** The delta over `tasks` task executions; the per-task figures are null without tasks. */
export function redonePerTask(delta: RedoneCounters, tasks: number): RedoneWork {
  const lookups = delta.hotTableHits + delta.hotTableMisses;
  return {
    tasks,
    delta,
    conflictsPerTask: tasks > 0 ? r4(delta.conflicts / tasks) : null,
    staleRetriesPerTask: tasks > 0 ? r4(delta.staleRetries / tasks) : null,
    hotTableMissRatio: lookups > 0 ? r4(delta.hotTableMisses / lookups) : null,
  };
}
