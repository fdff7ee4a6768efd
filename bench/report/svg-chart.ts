/**
 * Line charts as standalone SVG text (no browser, no dependencies): axes with "nice" ticks, one
 * polyline with point markers per series, and a legend. Panels can be laid out side by side.
 * @module
 */

/** One line of a chart. */
export interface ChartSeries {
  name: string;
  points: ReadonlyArray<readonly [number, number]>;
  /** Draw dashed (for reference lines such as "offered = completed"). */
  dashed?: boolean;
}

/** A chart panel. */
export interface LineChart {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly ChartSeries[];
  width?: number;
  height?: number;
}

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#17becf'];
const MARGIN = { top: 36, right: 16, bottom: 48, left: 64 };

/** Escapes text for SVG content and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** About `count` round tick values covering [min, max] (steps of 1, 2 or 5 × 10^n). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) {
    ticks.push(Number(v.toPrecision(12)));
  }
  return ticks;
}

function extent(values: number[]): [number, number] {
  const lo = Math.min(0, ...values);
  const hi = Math.max(...values, lo + 1);
  return [lo, hi];
}

/** Renders one panel as an `<svg>` element. */
export function renderLineChart(chart: LineChart): string {
  const width = chart.width ?? 520;
  const height = chart.height ?? 320;
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const all = chart.series.flatMap((s) => s.points);
  const [x0, x1raw] = extent(all.map((p) => p[0]));
  const [y0, y1raw] = extent(all.map((p) => p[1]));
  const xTicks = niceTicks(x0, x1raw);
  const yTicks = niceTicks(y0, y1raw);
  const x1 = Math.max(x1raw, xTicks[xTicks.length - 1] ?? x1raw);
  const y1 = Math.max(y1raw, yTicks[yTicks.length - 1] ?? y1raw);
  const sx = (x: number) => MARGIN.left + ((x - x0) / (x1 - x0)) * plotW;
  const sy = (y: number) => MARGIN.top + plotH - ((y - y0) / (y1 - y0)) * plotH;
  const f = (n: number) => n.toFixed(1);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${width / 2}" y="18" text-anchor="middle" font-size="13" font-weight="bold">${escapeXml(chart.title)}</text>`,
  ];
  for (const t of yTicks) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${f(sy(t))}" y2="${f(sy(t))}" stroke="#eee"/>`,
      `<text x="${MARGIN.left - 6}" y="${f(sy(t) + 4)}" text-anchor="end">${t}</text>`,
    );
  }
  for (const t of xTicks) {
    parts.push(
      `<text x="${f(sx(t))}" y="${MARGIN.top + plotH + 16}" text-anchor="middle">${t}</text>`,
    );
  }
  parts.push(
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`,
    `<text x="${MARGIN.left + plotW / 2}" y="${height - 8}" text-anchor="middle">${escapeXml(chart.xLabel)}</text>`,
    `<text transform="translate(14 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(chart.yLabel)}</text>`,
  );
  chart.series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length] ?? '#000';
    const pts = s.points.map(([x, y]) => `${f(sx(x))},${f(sy(y))}`).join(' ');
    const dash = s.dashed ? ' stroke-dasharray="4 3"' : '';
    if (s.points.length > 0) {
      parts.push(
        `<polyline points="${pts}" fill="none" stroke="${color}" stroke-width="2"${dash}/>`,
      );
    }
    if (!s.dashed && s.points.length <= 40) {
      for (const [x, y] of s.points) {
        parts.push(`<circle cx="${f(sx(x))}" cy="${f(sy(y))}" r="3" fill="${color}"/>`);
      }
    }
    const ly = MARGIN.top + 8 + i * 14;
    parts.push(
      `<line x1="${MARGIN.left + 8}" x2="${MARGIN.left + 24}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"${dash}/>`,
      `<text x="${MARGIN.left + 28}" y="${ly + 4}">${escapeXml(s.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** Lays panels out in a grid `columns` wide, as one `<svg>` document. */
export function composeCharts(panels: readonly LineChart[], columns = 2): string {
  const w = 520;
  const h = 320;
  const rows = Math.max(1, Math.ceil(panels.length / columns));
  const cols = Math.min(columns, Math.max(1, panels.length));
  const body = panels.map((p, i) => {
    const x = (i % columns) * w;
    const y = Math.floor(i / columns) * h;
    return renderLineChart({ ...p, width: w, height: h }).replace(
      '<svg xmlns="http://www.w3.org/2000/svg" ',
      `<svg x="${x}" y="${y}" `,
    );
  });
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${cols * w}" height="${rows * h}" viewBox="0 0 ${cols * w} ${rows * h}">`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
