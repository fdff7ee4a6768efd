/**
 * Files in and out: export a definition as JSON, read an imported file, export the canvas image.
 * @module
 */
import type { WorkflowDef } from '@baton/engine';
import { getNodesBounds, getViewportForBounds, type Node } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';

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

/** Renders the whole flow (not just what is on screen) to a PNG data URL or SVG data URL. */
export async function exportCanvasImage(
  nodes: Node[],
  format: 'png' | 'svg',
  dark: boolean,
): Promise<string> {
  const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewport) throw new Error('The canvas is not on screen');
  const bounds = getNodesBounds(nodes);
  const pad = 40;
  const width = Math.min(8000, Math.ceil(bounds.width + pad * 2));
  const height = Math.min(8000, Math.ceil(bounds.height + pad * 2));
  const vp = getViewportForBounds(bounds, width, height, 0.05, 2, pad / Math.max(width, height));
  const options = {
    backgroundColor: dark ? '#0f1117' : '#ffffff',
    width,
    height,
    style: {
      width: `${width}px`,
      height: `${height}px`,
      transform: `translate(${vp.x}px, ${vp.y}px) scale(${vp.zoom})`,
    },
    filter: (el: HTMLElement) => !el.classList?.contains('edge-plus'),
  };
  return format === 'png' ? toPng(viewport, options) : toSvg(viewport, options);
}
