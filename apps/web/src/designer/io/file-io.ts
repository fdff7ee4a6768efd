/**
 * Files in and out: export a definition as JSON, read an imported file, export the canvas image.
 * @module
 */
import type { WorkflowDef } from '@baton/engine';
import type { Edge, InternalNode, Node, NodeHandle } from '@xyflow/react';
import { buildSvg } from '../../ui/graph-svg.js';
import type { Theme } from '../../ui/theme.js';
import type { DesignerEdge, DesignerNode } from '../model/def-to-graph.js';
import { designerScene, type NodeGeometry } from './canvas-svg.js';

/** Triggers a browser download of `data` under `filename`. */
export function download(filename: string, data: Blob | string): void {
  const url = typeof data === 'string' ? data : URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  if (typeof data !== 'string') setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The export file name of a definition, e.g. `order_fulfilment_v2.json`. */
export function exportFileName(def: WorkflowDef, ext: string): string {
  const base = (def.name || 'workflow').replace(/[^\w.-]+/g, '_');
  return `${base}_v${def.version ?? 1}.${ext}`;
}

/** Serialises exactly what the designer holds (unknown fields included), 2-space indented. */
export function toExportJson(def: WorkflowDef): string {
  return `${JSON.stringify(def, null, 2)}\n`;
}

/** Reads a dropped or picked file as text. */
export function readFileText(file: File): Promise<string> {
  return file.text();
}

/** What the export reads from the canvas: React Flow's nodes, edges and measured nodes. */
export interface ExportableFlow {
  getNodes(): Node[];
  getEdges(): Edge[];
  getInternalNode(id: string): InternalNode | undefined;
}

/** A node's drawn box and handles, from React Flow's store (what the canvas draws). */
function flowGeometry(flow: ExportableFlow) {
  return (id: string): NodeGeometry | undefined => {
    const node = flow.getInternalNode(id);
    if (!node) return undefined;
    const bounds = node.internals.handleBounds;
    const handles: NodeHandle[] = bounds
      ? [...(bounds.source ?? []), ...(bounds.target ?? [])]
      : (node.handles ?? []);
    return {
      x: node.internals.positionAbsolute.x,
      y: node.internals.positionAbsolute.y,
      width: node.measured.width ?? node.width ?? 0,
      height: node.measured.height ?? node.height ?? 0,
      handles,
    };
  };
}

/** The whole flow (not just what is on screen) as an SVG document of vector shapes. */
export function canvasSvg(flow: ExportableFlow, theme: Theme, title?: string): string {
  // The designer's canvas holds only the nodes and edges that defToGraph derives.
  const nodes = flow.getNodes() as DesignerNode[];
  const edges = flow.getEdges() as DesignerEdge[];
  return buildSvg(designerScene(nodes, edges, flowGeometry(flow), theme, title));
}

/** Largest side of an exported PNG, in pixels. */
const MAX_PNG_SIDE = 8000;

/** Draws an SVG document onto a canvas (twice its size, for sharp text) and returns a PNG data URL. */
export async function svgToPng(svg: string): Promise<string> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const scale = Math.min(2, MAX_PNG_SIDE / Math.max(img.naturalWidth, img.naturalHeight, 1));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This browser cannot draw to a canvas');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/png');
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Exports the whole flow as an SVG file body or a PNG data URL; the PNG is the SVG rasterised. */
export async function exportCanvasImage(
  flow: ExportableFlow,
  format: 'png' | 'svg',
  theme: Theme,
  title?: string,
): Promise<Blob | string> {
  const svg = canvasSvg(flow, theme, title);
  if (format === 'svg') return new Blob([svg], { type: 'image/svg+xml' });
  return svgToPng(svg);
}
