/**
 * The designer's canvas as a vector scene for image export: every node drawn as SVG shapes and
 * text the way the canvas draws it (styles.css), every edge as the same rounded step path the
 * canvas draws (InsertEdge), with an arrow. Pure apart from React Flow's path helper.
 * @module
 */
import { getSmoothStepPath, Position as Side, type NodeHandle } from '@xyflow/react';
import type { Theme } from '../../ui/theme.js';
import { mixColor, textWidth, type SvgScene, type SvgShape } from '../../ui/graph-svg.js';
import type {
  DesignerEdge,
  DesignerNode,
  InsertEdgeData,
  MergeNodeData,
  TaskNodeData,
} from '../model/def-to-graph.js';
import { SIZES } from '../model/layout.js';
import { taskVisual, type TaskFamily } from '../../graph/task-visuals.js';

/** Where a node is drawn (graph coordinates) and where its handles are, relative to it. */
export interface NodeGeometry {
  x: number;
  y: number;
  width: number;
  height: number;
  handles: readonly NodeHandle[];
}

/** The colours of the canvas (the tokens of styles.css) per theme. */
interface Palette {
  canvas: string;
  surface: string;
  border: string;
  text: string;
  muted: string;
}

const PALETTES: Record<Theme, Palette> = {
  light: {
    canvas: '#f8f9fb',
    surface: '#ffffff',
    border: '#cdd2da',
    text: '#1c2230',
    muted: '#5b6475',
  },
  dark: {
    canvas: '#12151c',
    surface: '#171a22',
    border: '#3a4150',
    text: '#e6e8ee',
    muted: '#98a2b3',
  },
};

const FAMILY: Record<TaskFamily, string> = {
  worker: '#2e90fa',
  system: '#0e9384',
  flow: '#7a5af8',
  workflow: '#dd2590',
  stop: '#d92d20',
};
const WARN = '#dc6803';
const DANGER = '#d92d20';
const OK = '#12b76a';
const END = '#475467';
/** Distance of a case label from its edge's end (InsertEdge's PLUS_OFFSET). */
const LABEL_OFFSET = 18;

/** The point a handle connects at (the middle of its outer side, as React Flow computes it). */
export function handlePoint(geo: NodeGeometry, handle: NodeHandle): { x: number; y: number } {
  const x = geo.x + handle.x;
  const y = geo.y + handle.y;
  const w = handle.width ?? 1; // React Flow's default for a handle given without a size
  const h = handle.height ?? 1;
  switch (handle.position) {
    case Side.Top:
      return { x: x + w / 2, y };
    case Side.Bottom:
      return { x: x + w / 2, y: y + h };
    case Side.Left:
      return { x, y: y + h / 2 };
    default:
      return { x: x + w, y: y + h / 2 };
  }
}

function findHandle(
  geo: NodeGeometry,
  type: 'source' | 'target',
  id: string | null | undefined,
): NodeHandle | undefined {
  const of = geo.handles.filter((h) => h.type === type);
  return id ? of.find((h) => h.id === id) : of[0];
}

/** Where an edge runs: from its source handle to its target handle. */
export function edgeEnds(
  edge: Pick<DesignerEdge, 'source' | 'target' | 'sourceHandle' | 'targetHandle'>,
  geometry: (id: string) => NodeGeometry | undefined,
) {
  const s = geometry(edge.source);
  const t = geometry(edge.target);
  const sh = s && findHandle(s, 'source', edge.sourceHandle);
  const th = t && findHandle(t, 'target', edge.targetHandle);
  if (!s || !t || !sh || !th) return null;
  const from = handlePoint(s, sh);
  const to = handlePoint(t, th);
  return {
    sourceX: from.x,
    sourceY: from.y,
    targetX: to.x,
    targetY: to.y,
    sourcePosition: sh.position,
    targetPosition: th.position,
  };
}

function badge(
  right: number,
  top: number,
  text: string,
  color: string,
  fill: string,
  stroke: string,
): SvgShape[] {
  const w = textWidth(text, 10, false, 600) + 12;
  return [
    { kind: 'rect', x: right - w, y: top, width: w, height: 16, rx: 4, fill, stroke },
    {
      kind: 'text',
      x: right - w / 2,
      y: top + 11.5,
      text,
      size: 10,
      weight: 600,
      color,
      anchor: 'middle',
    },
  ];
}

/** The header of a task or loop: accent icon box, name, reference, summary and badges. */
function taskHeader(
  g: NodeGeometry,
  data: TaskNodeData,
  p: Palette,
  fam: string,
  label: string,
  summary: string,
): SvgShape[] {
  const h = SIZES.taskH;
  const left = g.x + 14;
  const textX = left + 32 + 10;
  const maxWidth = g.x + g.width - 12 - textX;
  const lines = summary ? [g.y + 29, g.y + 44, g.y + 58] : [g.y + 34, g.y + 50];
  const out: SvgShape[] = [
    {
      kind: 'rect',
      x: left,
      y: g.y + (h - 32) / 2,
      width: 32,
      height: 32,
      rx: 8,
      fill: mixColor(fam, p.surface, 0.14),
    },
    { kind: 'circle', cx: left + 16, cy: g.y + h / 2, r: 5, fill: fam },
    {
      kind: 'text',
      x: textX,
      y: lines[0]!,
      text: data.name,
      size: 13,
      weight: 600,
      color: p.text,
      maxWidth,
    },
    {
      kind: 'text',
      x: textX,
      y: lines[1]!,
      text: data.duplicate ? `${data.ref} · duplicate reference` : data.ref,
      size: 11,
      mono: true,
      color: data.duplicate ? DANGER : p.muted,
      maxWidth,
    },
  ];
  if (summary)
    out.push({
      kind: 'text',
      x: textX,
      y: lines[2]!,
      text: summary,
      size: 11,
      color: p.muted,
      maxWidth,
    });
  out.push(
    ...badge(
      g.x + g.width - 10,
      g.y - 9,
      label.toUpperCase(),
      mixColor(fam, p.text, 0.55),
      p.surface,
      mixColor(fam, p.surface, 0.4),
    ),
  );
  const issues = data.issues.length;
  if (issues) {
    const text = `⚠ ${issues}`;
    const w = textWidth(text, 10, false, 700) + 12;
    out.push(
      { kind: 'rect', x: g.x + 10, y: g.y - 9, width: w, height: 16, rx: 8, fill: WARN },
      {
        kind: 'text',
        x: g.x + 10 + w / 2,
        y: g.y + 2.5,
        text,
        size: 10,
        weight: 700,
        color: '#ffffff',
        anchor: 'middle',
      },
    );
  }
  return out;
}

function taskShapes(g: NodeGeometry, data: TaskNodeData, p: Palette): SvgShape[] {
  const visual = taskVisual(data.taskType);
  const fam = FAMILY[visual.family];
  const issues = data.issues.length > 0;
  const border = data.duplicate ? DANGER : issues ? WARN : p.border;
  const label = `${visual.label}${data.optional ? ' · optional' : ''}`;
  return [
    {
      kind: 'rect',
      x: g.x,
      y: g.y,
      width: g.width,
      height: g.height,
      rx: 8,
      fill: p.surface,
      stroke: border,
      ...(data.duplicate ? { dash: '4 3' } : {}),
    },
    // The family's accent on the left side.
    {
      kind: 'rect',
      x: g.x,
      y: g.y + 1,
      width: 4,
      height: g.height - 2,
      rx: 2,
      fill: issues ? WARN : fam,
    },
    ...taskHeader(g, data, p, fam, label, data.summary),
  ];
}

function loopShapes(g: NodeGeometry, data: TaskNodeData, p: Palette): SvgShape[] {
  const fam = FAMILY.flow;
  const issues = data.issues.length > 0;
  return [
    {
      kind: 'rect',
      x: g.x,
      y: g.y,
      width: g.width,
      height: g.height,
      rx: 12,
      fill: mixColor(fam, p.canvas, 0.05),
      stroke: issues ? WARN : mixColor(fam, p.canvas, 0.55),
      strokeWidth: 1.5,
      dash: '6 4',
    },
    {
      kind: 'line',
      x1: g.x,
      y1: g.y + SIZES.loopHeader,
      x2: g.x + g.width,
      y2: g.y + SIZES.loopHeader,
      stroke: mixColor(fam, p.canvas, 0.35),
      dash: '4 3',
    },
    ...taskHeader(g, data, p, fam, 'Do while', `while ${data.summary || '…'}`),
  ];
}

function nodeShapes(node: DesignerNode, g: NodeGeometry, p: Palette): SvgShape[] {
  switch (node.type) {
    case 'task':
      return taskShapes(g, node.data as TaskNodeData, p);
    case 'start':
    case 'end': {
      const start = node.type === 'start';
      return [
        {
          kind: 'rect',
          x: g.x,
          y: g.y,
          width: g.width,
          height: g.height,
          rx: g.height / 2,
          fill: start ? OK : END,
        },
        {
          kind: 'text',
          x: g.x + g.width / 2,
          y: g.y + g.height / 2 + 4.5,
          text: start ? '▶ Start' : '■ End',
          size: 13,
          weight: 600,
          color: '#ffffff',
          anchor: 'middle',
        },
      ];
    }
    case 'merge': {
      const label = (node.data as MergeNodeData).label;
      const out: SvgShape[] = [
        {
          kind: 'circle',
          cx: g.x + g.width / 2,
          cy: g.y + g.height / 2,
          r: g.width / 2 - 1,
          fill: p.surface,
          stroke: p.border,
          strokeWidth: 2,
        },
      ];
      if (label)
        out.push({
          kind: 'text',
          x: g.x + g.width / 2,
          y: g.y + g.height + 12,
          text: label,
          size: 10.5,
          color: FAMILY.flow,
          anchor: 'middle',
        });
      return out;
    }
    case 'placeholder':
      return [
        {
          kind: 'rect',
          x: g.x,
          y: g.y,
          width: g.width,
          height: g.height,
          rx: 8,
          fill: p.surface,
          stroke: p.border,
          strokeWidth: 1.5,
          dash: '5 4',
        },
        {
          kind: 'text',
          x: g.x + g.width / 2,
          y: g.y + g.height / 2 + 4,
          text: '+ Add task',
          size: 12.5,
          color: p.muted,
          anchor: 'middle',
        },
      ];
    default:
      return [];
  }
}

function caseLabel(x: number, y: number, text: string, p: Palette): SvgShape[] {
  const fam = FAMILY.flow;
  const w = Math.min(160, textWidth(text, 11, false, 600) + 16);
  return [
    {
      kind: 'rect',
      x: x - w / 2,
      y: y - 9,
      width: w,
      height: 18,
      rx: 9,
      fill: p.surface,
      stroke: mixColor(fam, p.surface, 0.45),
    },
    {
      kind: 'text',
      x,
      y: y + 4,
      text,
      size: 11,
      weight: 600,
      color: mixColor(fam, p.text, 0.55),
      anchor: 'middle',
      maxWidth: w - 14,
    },
  ];
}

/** The designer's graph as a vector scene, in the given theme's colours. */
export function designerScene(
  nodes: readonly DesignerNode[],
  edges: readonly DesignerEdge[],
  geometry: (id: string) => NodeGeometry | undefined,
  theme: Theme,
  title?: string,
): SvgScene {
  const p = PALETTES[theme];
  const below: SvgShape[] = [];
  const above: SvgShape[] = [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  // Outer loops first, so an inner loop's box is drawn over its parent's.
  const ordered = [...nodes].sort((a, b) => (a.zIndex ?? 0) - (b.zIndex ?? 0));
  for (const node of ordered) {
    const g = geometry(node.id);
    if (!g) continue;
    minX = Math.min(minX, g.x);
    minY = Math.min(minY, g.y - 10); // badges stick out above a task
    maxX = Math.max(maxX, g.x + g.width);
    maxY = Math.max(maxY, g.y + g.height + (node.type === 'merge' ? 16 : 0));
    if (node.type === 'loop') below.push(...loopShapes(g, node.data as TaskNodeData, p));
    else above.push(...nodeShapes(node, g, p));
  }
  const drawn: SvgScene['edges'][number][] = [];
  for (const edge of edges) {
    const ends = edgeEnds(edge, geometry);
    if (!ends) continue;
    const [d] = getSmoothStepPath({ ...ends, borderRadius: 10 });
    drawn.push({ id: edge.id, d });
    const data: InsertEdgeData | undefined = edge.data;
    if (data?.label !== undefined) {
      const atTarget = data.anchor === 'target';
      const x = atTarget ? ends.targetX : ends.sourceX;
      const y = atTarget ? ends.targetY - LABEL_OFFSET : ends.sourceY + LABEL_OFFSET;
      above.push(...caseLabel(x, y, data.label, p));
    }
  }
  if (minX === Infinity) minX = minY = maxX = maxY = 0;
  return {
    bounds: { x: minX, y: minY, width: maxX - minX, height: maxY - minY },
    background: p.canvas,
    edgeColor: p.border,
    edgeWidth: 1.6,
    edges: drawn,
    below,
    above,
    ...(title ? { title } : {}),
  };
}

/** The geometry of a designer node as the graph derivation sizes it (`presized` nodes). */
export function presizedGeometry(nodes: readonly DesignerNode[]) {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return (id: string): NodeGeometry | undefined => {
    const node = byId.get(id);
    if (!node?.handles) return undefined;
    return {
      x: node.position.x,
      y: node.position.y,
      width: node.width ?? 0,
      height: node.height ?? 0,
      handles: node.handles,
    };
  };
}
