import { describe, expect, it } from 'vitest';
import { byLabel, histogramQuantile, parsePromText, sumSamples } from './prom-text.js';

const TEXT = `# HELP baton_queue_depth Messages
# TYPE baton_queue_depth gauge
baton_queue_depth{queue="a"} 3
baton_queue_depth{queue="b"} 4
baton_workflow_completions_total{name="w",status="COMPLETED"} 10
baton_workflow_completions_total{name="w",status="FAILED"} 2
h_bucket{status="COMPLETED",le="0.01"} 50
h_bucket{status="COMPLETED",le="0.1"} 100
h_bucket{status="COMPLETED",le="+Inf"} 100
garbage line
`;

describe('parsePromText', () => {
  it('reads names, labels and values and skips comments', () => {
    const samples = parsePromText(TEXT);
    expect(samples[0]).toEqual({ name: 'baton_queue_depth', labels: { queue: 'a' }, value: 3 });
    expect(samples).toHaveLength(7);
  });
});

describe('sumSamples and byLabel', () => {
  it('sums matching samples and groups by a label', () => {
    const samples = parsePromText(TEXT);
    expect(sumSamples(samples, 'baton_queue_depth')).toBe(7);
    expect(sumSamples(samples, 'baton_workflow_completions_total', { status: 'COMPLETED' })).toBe(
      10,
    );
    expect(byLabel(samples, 'baton_workflow_completions_total', 'status')).toEqual({
      COMPLETED: 10,
      FAILED: 2,
    });
  });
});

describe('histogramQuantile', () => {
  it('interpolates inside the bucket holding the rank', () => {
    const samples = parsePromText(TEXT);
    expect(histogramQuantile(samples, 'h', 0.5)).toBeCloseTo(0.01);
    expect(histogramQuantile(samples, 'h', 0.75)).toBeCloseTo(0.055);
  });

  it('is null for an empty histogram', () => {
    expect(histogramQuantile([], 'h', 0.5)).toBeNull();
  });
});
