import { describe, expect, it } from 'vitest';
import { buildSvg } from '../../ui/graph-svg.js';
import { defToGraph } from '../model/def-to-graph.js';
import { SIZES } from '../model/layout.js';
import { nestedDef, t } from '../model/fixtures.test-util.js';
import { designerScene, presizedGeometry } from './canvas-svg.js';
import type { WorkflowDef } from '@baton/engine';

function exportSvg(def: WorkflowDef, theme: 'light' | 'dark' = 'light') {
  const graph = defToGraph(def, { presized: true });
  const svg = buildSvg(
    designerScene(graph.nodes, graph.edges, presizedGeometry(graph.nodes), theme, def.name),
  );
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return { graph, svg, doc };
}

const edgePaths = (doc: Document) => [...doc.querySelectorAll('path.edge')];
/** A rounded step path bends (quadratic corners); a straight one is only lines. */
const isBent = (d: string) => /Q/.test(d);

describe('designer canvas as SVG', () => {
  it('draws every edge as an unfilled path with an arrow, bent and straight ones alike', () => {
    const { graph, doc } = exportSvg(nestedDef());
    const paths = edgePaths(doc);
    expect(paths).toHaveLength(graph.edges.length);
    expect(paths.map((p) => p.getAttribute('data-edge-id'))).toEqual(graph.edges.map((e) => e.id));
    for (const p of paths) {
      expect(p.getAttribute('fill')).toBe('none');
      expect(p.getAttribute('stroke')).toMatch(/^#[0-9a-f]{6}$/);
      expect(p.getAttribute('marker-end')).toBe('url(#arrow)');
    }
    const ds = paths.map((p) => p.getAttribute('d') ?? '');
    expect(ds.some(isBent)).toBe(true);
    expect(ds.some((d) => !isBent(d))).toBe(true);
    expect(doc.querySelector('marker#arrow polygon')).not.toBeNull();
  });

  it('is vector shapes and text only: no foreignObject, no HTML', () => {
    const { doc } = exportSvg(nestedDef());
    expect(doc.getElementsByTagName('foreignObject')).toHaveLength(0);
    const tags = new Set([...doc.querySelectorAll('*')].map((el) => el.tagName));
    for (const tag of tags)
      expect([
        'svg',
        'title',
        'defs',
        'marker',
        'polygon',
        'rect',
        'g',
        'path',
        'circle',
        'line',
        'text',
      ]).toContain(tag);
  });

  it('labels each task with its name and reference, and each case with its value', () => {
    const { doc } = exportSvg(nestedDef());
    const texts = [...doc.querySelectorAll('text')].map((el) => el.textContent);
    for (const ref of ['a', 'fork', 'b1', 'c1', 'sw', 'z1', 'loop', 'l2', 'last'])
      expect(texts).toContain(ref);
    expect(texts).toEqual(
      expect.arrayContaining(['zeta', 'alpha', 'default', 'SWITCH', 'DO WHILE']),
    );
    expect(texts).toEqual(expect.arrayContaining(['▶ Start', '■ End']));
  });

  it('starts every edge at its source node and ends it at its target node', () => {
    const { graph, doc } = exportSvg(nestedDef());
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    for (const [i, p] of edgePaths(doc).entries()) {
      const edge = graph.edges[i]!;
      const nums = (p.getAttribute('d') ?? '').match(/-?\d+(\.\d+)?/g)!.map(Number);
      const [sx, sy] = nums;
      const [tx, ty] = nums.slice(-2);
      const s = byId.get(edge.source)!;
      const tg = byId.get(edge.target)!;
      expect(sx).toBeCloseTo(s.position.x + s.width! / 2, 0);
      expect(tx).toBeCloseTo(tg.position.x + tg.width! / 2, 0);
      // React Flow centres its 6 px handles on the node's side and attaches at their outer edge.
      expect(ty).toBeCloseTo(tg.position.y - 3, 0);
      expect(sy).toBeCloseTo(
        s.position.y + (edge.sourceHandle === 'body' ? SIZES.loopHeader : s.height!) + 3,
        0,
      );
    }
  });

  it('escapes hostile names instead of injecting markup', () => {
    const evil = '</text><foreignObject><div>x</div></foreignObject><script>alert(1)</script>';
    const def: WorkflowDef = {
      name: `"/><script>alert(1)</script>`,
      version: 1,
      tasks: [t('a', { name: evil })],
    };
    const { doc, svg } = exportSvg(def);
    expect(doc.getElementsByTagName('foreignObject')).toHaveLength(0);
    expect(doc.getElementsByTagName('script')).toHaveLength(0);
    expect(svg).not.toContain('<script');
    expect(doc.querySelector('title')?.textContent).toBe(def.name);
    // The long name is shortened to fit the node, ending with an ellipsis.
    expect(
      [...doc.querySelectorAll('text')].some((el) => el.textContent?.startsWith('</text>')),
    ).toBe(true);
  });

  it('follows the theme: the dark export has the dark canvas and light text', () => {
    const light = exportSvg(nestedDef(), 'light').doc;
    const dark = exportSvg(nestedDef(), 'dark').doc;
    const bg = (d: Document) => d.querySelector('svg > rect')?.getAttribute('fill');
    expect(bg(light)).toBe('#f8f9fb');
    expect(bg(dark)).toBe('#12151c');
    const nameFill = (d: Document) =>
      [...d.querySelectorAll('text')].find((el) => el.textContent === 'last')?.getAttribute('fill');
    expect(nameFill(light)).toBe('#1c2230');
    expect(nameFill(dark)).toBe('#e6e8ee');
  });

  it('sizes the document to the whole graph plus padding', () => {
    const { graph, doc } = exportSvg(nestedDef());
    const svg = doc.documentElement;
    const maxX = Math.max(...graph.nodes.map((n) => n.position.x + n.width!));
    const maxY = Math.max(...graph.nodes.map((n) => n.position.y + n.height!));
    const [x0, y0, w, h] = svg.getAttribute('viewBox')!.split(' ').map(Number);
    expect(x0! + w!).toBeGreaterThanOrEqual(maxX);
    expect(y0! + h!).toBeGreaterThanOrEqual(maxY);
    expect(x0).toBeLessThan(0);
    expect(svg.getAttribute('width')).toBe(String(w));
  });
});
