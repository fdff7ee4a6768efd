import { describe, expect, it } from 'vitest';
import { composeCharts, escapeXml, niceTicks, renderLineChart } from './svg-chart.js';

describe('niceTicks', () => {
  it('picks round steps covering the range', () => {
    expect(niceTicks(0, 100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0, 7)).toEqual([0, 2, 4, 6, 8].filter((t) => t <= 7));
  });

  it('returns the single value of an empty range', () => {
    expect(niceTicks(3, 3)).toEqual([3]);
  });
});

describe('renderLineChart', () => {
  const chart = {
    title: 'Throughput <vs> load',
    xLabel: 'offered',
    yLabel: 'completed',
    series: [
      {
        name: 'baton',
        points: [
          [0, 0],
          [100, 90],
          [200, 150],
        ] as Array<[number, number]>,
      },
      {
        name: 'ideal',
        points: [
          [0, 0],
          [200, 200],
        ] as Array<[number, number]>,
        dashed: true,
      },
    ],
  };

  it('draws one polyline per series, markers for solid series and an escaped title', () => {
    const svg = renderLineChart(chart);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg.match(/<circle/g)).toHaveLength(3);
    expect(svg).toContain('Throughput &#60;vs&#62; load');
    expect(svg).toContain('stroke-dasharray');
  });

  it('maps the largest point inside the plot area', () => {
    const svg = renderLineChart({ ...chart, series: [chart.series[0]!] });
    const xs = [...svg.matchAll(/cx="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(Math.max(...xs)).toBeLessThanOrEqual(520 - 16);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(64);
  });
});

describe('composeCharts', () => {
  it('nests each panel at its grid position in one document', () => {
    const doc = composeCharts([
      { title: 'a', xLabel: 'x', yLabel: 'y', series: [] },
      { title: 'b', xLabel: 'x', yLabel: 'y', series: [] },
      { title: 'c', xLabel: 'x', yLabel: 'y', series: [] },
    ]);
    expect(doc).toContain('<svg x="520" y="0"');
    expect(doc).toContain('<svg x="0" y="320"');
    expect(doc).toContain('width="1040" height="640"');
  });
});

describe('escapeXml', () => {
  it('escapes markup characters', () => {
    expect(escapeXml('a&b"')).toBe('a&#38;b&#34;');
  });
});
