/**
 * A graph drawn as a standalone SVG document of plain vector shapes (no HTML, no `foreignObject`),
 * for image exports. The callers turn their nodes into shapes and their edges into path data; this
 * module only writes the document. Pure: no DOM.
 * @module
 */

/** A rectangle (rounded when `rx` is set). */
export interface SvgRect {
  kind: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
  rx?: number;
  fill: string;
  stroke?: string;
  strokeWidth?: number;
  dash?: string;
}

/** A circle. */
export interface SvgCircle {
  kind: 'circle';
  cx: number;
  cy: number;
  r: number;
  fill: string;
  stroke?: string;
  strokeWidth?: number;
}

/** A straight line. */
export interface SvgLine {
  kind: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  stroke: string;
  strokeWidth?: number;
  dash?: string;
}

/** One line of text; `maxWidth` shortens it with an ellipsis to (about) that many pixels. */
export interface SvgText {
  kind: 'text';
  x: number;
  /** The baseline. */
  y: number;
  text: string;
  size: number;
  color: string;
  weight?: number;
  mono?: boolean;
  anchor?: 'start' | 'middle' | 'end';
  maxWidth?: number;
}

/** A drawing primitive. */
export type SvgShape = SvgRect | SvgCircle | SvgLine | SvgText;

/** An edge: SVG path data, drawn unfilled with an arrow at its end. */
export interface SvgEdge {
  id: string;
  d: string;
}

/** What to draw, in drawing order: `below` (containers), the edges, then `above` (nodes, labels). */
export interface SvgScene {
  /** The area to export, in graph coordinates (padding is added around it). */
  bounds: { x: number; y: number; width: number; height: number };
  background: string;
  edgeColor: string;
  edgeWidth: number;
  edges: readonly SvgEdge[];
  below: readonly SvgShape[];
  above: readonly SvgShape[];
  title?: string;
}

const SANS = "Inter, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const MONO = "'JetBrains Mono', ui-monospace, Menlo, Consolas, monospace";

/** Escapes text for XML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Rough advance width of one character, as a share of the font size. */
function charWidth(mono: boolean, weight: number): number {
  if (mono) return 0.61;
  return weight >= 600 ? 0.6 : 0.55;
}

/** Estimated width in pixels of a line of text (SVG cannot measure without a DOM). */
export function textWidth(text: string, size: number, mono = false, weight = 400): number {
  return [...text].length * size * charWidth(mono, weight);
}

/** Shortens `text` with an ellipsis so that it fits (about) `maxWidth` pixels. */
export function fitText(
  text: string,
  maxWidth: number,
  size: number,
  mono = false,
  weight = 400,
): string {
  const chars = [...text];
  const fits = Math.floor(maxWidth / (size * charWidth(mono, weight)));
  if (chars.length <= fits) return text;
  return `${chars.slice(0, Math.max(0, fits - 1)).join('')}…`;
}

/** Mixes two `#rrggbb` colours: `share` of `a`, the rest of `b` (like CSS `color-mix`). */
export function mixColor(a: string, b: string, share: number): string {
  const pa = parseHex(a);
  const pb = parseHex(b);
  const out = pa.map((v, i) => Math.round(v * share + pb[i]! * (1 - share)));
  return `#${out.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

function parseHex(hex: string): number[] {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) || 0);
}

const n = (v: number) => String(Math.round(v * 100) / 100);

function attrs(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? n(v) : escapeXml(v!)}"`)
    .join('');
}

function shapeXml(s: SvgShape): string {
  switch (s.kind) {
    case 'rect':
      return `<rect${attrs({
        x: s.x,
        y: s.y,
        width: s.width,
        height: s.height,
        rx: s.rx,
        fill: s.fill,
        stroke: s.stroke,
        'stroke-width': s.stroke ? (s.strokeWidth ?? 1) : undefined,
        'stroke-dasharray': s.dash,
      })}/>`;
    case 'circle':
      return `<circle${attrs({
        cx: s.cx,
        cy: s.cy,
        r: s.r,
        fill: s.fill,
        stroke: s.stroke,
        'stroke-width': s.stroke ? (s.strokeWidth ?? 1) : undefined,
      })}/>`;
    case 'line':
      return `<line${attrs({
        x1: s.x1,
        y1: s.y1,
        x2: s.x2,
        y2: s.y2,
        stroke: s.stroke,
        'stroke-width': s.strokeWidth ?? 1,
        'stroke-dasharray': s.dash,
      })}/>`;
    case 'text': {
      const weight = s.weight ?? 400;
      const mono = s.mono === true;
      const text =
        s.maxWidth === undefined ? s.text : fitText(s.text, s.maxWidth, s.size, mono, weight);
      return `<text${attrs({
        x: s.x,
        y: s.y,
        'font-family': mono ? MONO : SANS,
        'font-size': s.size,
        'font-weight': weight === 400 ? undefined : weight,
        'text-anchor': s.anchor && s.anchor !== 'start' ? s.anchor : undefined,
        fill: s.color,
      })}>${escapeXml(text)}</text>`;
    }
  }
}

/** Padding around the exported graph, in pixels. */
export const SVG_PADDING = 40;

/** The exported document's size in pixels (the graph's bounds plus padding). */
export function svgSize(scene: Pick<SvgScene, 'bounds'>): { width: number; height: number } {
  return {
    width: Math.ceil(scene.bounds.width + 2 * SVG_PADDING),
    height: Math.ceil(scene.bounds.height + 2 * SVG_PADDING),
  };
}

/** Writes the scene as a standalone SVG document. */
export function buildSvg(scene: SvgScene): string {
  const { width, height } = svgSize(scene);
  const x0 = scene.bounds.x - SVG_PADDING;
  const y0 = scene.bounds.y - SVG_PADDING;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg"${attrs({
      width,
      height,
      viewBox: `${n(x0)} ${n(y0)} ${width} ${height}`,
    })}>`,
  ];
  if (scene.title) out.push(`<title>${escapeXml(scene.title)}</title>`);
  out.push(
    '<defs>',
    `<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto-start-reverse">`,
    `<polygon points="0,1 10,5 0,9"${attrs({ fill: scene.edgeColor })}/>`,
    '</marker>',
    '</defs>',
    `<rect${attrs({ x: x0, y: y0, width, height, fill: scene.background })}/>`,
    '<g class="below">',
    ...scene.below.map(shapeXml),
    '</g>',
    '<g class="edges">',
    ...scene.edges.map(
      (e) =>
        `<path class="edge"${attrs({
          'data-edge-id': e.id,
          d: e.d,
          fill: 'none',
          stroke: scene.edgeColor,
          'stroke-width': scene.edgeWidth,
          'marker-end': 'url(#arrow)',
        })}/>`,
    ),
    '</g>',
    '<g class="above">',
    ...scene.above.map(shapeXml),
    '</g>',
    '</svg>',
  );
  return `${out.join('\n')}\n`;
}
