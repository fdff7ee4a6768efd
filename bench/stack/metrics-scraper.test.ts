import { describe, expect, it } from 'vitest';
import { toMetricsView } from './metrics-scraper.js';

describe('toMetricsView redone-work counters', () => {
  it('reads the four counters', () => {
    const view = toMetricsView(
      [
        '# HELP baton_execution_conflicts_total x',
        '# TYPE baton_execution_conflicts_total counter',
        'baton_execution_conflicts_total 12',
        'baton_execution_stale_copy_retries_total 3',
        'baton_hot_table_hits_total 4500',
        'baton_hot_table_misses_total 500',
        'baton_workflow_completions_total{name="bench_main",status="COMPLETED"} 7',
      ].join('\n'),
    );
    expect(view.redone).toEqual({
      conflicts: 12,
      staleRetries: 3,
      hotTableHits: 4500,
      hotTableMisses: 500,
    });
    expect(view.completionsOf('bench_main')).toBe(7);
  });

  it('gives 0 for counters a server does not export', () => {
    const view = toMetricsView('baton_hot_table_hits_total 9\n');
    expect(view.redone).toEqual({
      conflicts: 0,
      staleRetries: 0,
      hotTableHits: 9,
      hotTableMisses: 0,
    });
  });
});
