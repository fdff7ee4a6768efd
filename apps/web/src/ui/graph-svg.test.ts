import { describe, expect, it } from 'vitest';
import { buildSvg, escapeXml, fitText, mixColor, SVG_PADDING } from './graph-svg.js';

describe('graph SVG builder', () => {
  it('writes edges as unfilled paths between the shapes below and above them', () => {
    const svg = buildSvg({
      bounds: { x: 0, y: 0, width: 100, height: 50 },
      background: '#ffffff',
      edgeColor: '#cdd2da',
      edgeWidth: 1.6,
      edges: [
        { id: 'e1', d: 'M 0 0 L 0 50' },
        { id: 'e2', d: 'M 0 0 L 0 10 Q 0 20 10 20 L 100 20' },
      ],
      below: [{ kind: 'rect', x: 0, y: 0, width: 100, height: 50, fill: '#eeeeee', dash: '4 2' }],
      above: [{ kind: 'text', x: 1, y: 2, text: 'a & b', size: 12, color: '#000000' }],
    });
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const root = doc.documentElement;
    expect(root.getAttribute('viewBox')).toBe(
      `${-SVG_PADDING} ${-SVG_PADDING} ${100 + 2 * SVG_PADDING} ${50 + 2 * SVG_PADDING}`,
    );
    const order = [...root.children].map((el) => el.getAttribute('class') ?? el.tagName);
    expect(order).toEqual(['defs', 'rect', 'below', 'edges', 'above']);
    const paths = [...doc.querySelectorAll('g.edges > path')];
    expect(paths.map((p) => [p.getAttribute('d'), p.getAttribute('fill')])).toEqual([
      ['M 0 0 L 0 50', 'none'],
      ['M 0 0 L 0 10 Q 0 20 10 20 L 100 20', 'none'],
    ]);
    expect(doc.querySelector('g.below rect')?.getAttribute('stroke-dasharray')).toBe('4 2');
    expect(doc.querySelector('text')?.textContent).toBe('a & b');
  });

  it('escapes markup in text and attributes', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe(
      '&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;',
    );
  });

  it('shortens text that does not fit with an ellipsis', () => {
    expect(fitText('short', 200, 12)).toBe('short');
    const long = fitText('x'.repeat(100), 60, 10);
    expect(long.endsWith('…')).toBe(true);
    expect([...long].length).toBeLessThan(12);
  });

  it('mixes colours like CSS color-mix', () => {
    expect(mixColor('#ff0000', '#0000ff', 0.5)).toBe('#800080');
    expect(mixColor('#ffffff', '#000000', 0)).toBe('#000000');
  });
});
