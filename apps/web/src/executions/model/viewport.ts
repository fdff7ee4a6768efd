/**
 * Where the execution graph looks: it opens on the whole flow when that fits at a readable zoom,
 * otherwise at a readable zoom on the first running task (or the start), and then follows the
 * running task as it moves off screen. Pure, so the choices are unit-tested.
 * @module
 */
import { MIN_READABLE_ZOOM } from '../../designer/model/viewport.js';

/** A box in graph coordinates. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A React Flow viewport: the graph point (0,0) is drawn at (x, y), scaled by zoom. */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

const PAD = 40;
/** A followed task is brought to this fraction of the height (room for what comes after it). */
const FOLLOW_AT = 1 / 3;

/** The box around positioned nodes (React Flow nodes with their sizes). */
export function boundsOf(
  nodes: ReadonlyArray<{ position: { x: number; y: number }; width?: number; height?: number }>,
): Box {
  if (nodes.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of nodes) {
    minX = Math.min(minX, n.position.x);
    minY = Math.min(minY, n.position.y);
    maxX = Math.max(maxX, n.position.x + (n.width ?? 0));
    maxY = Math.max(maxY, n.position.y + (n.height ?? 0));
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/**
 * Smallest zoom at which the opening view shows the whole graph: the designer's readable zoom, as
 * a smaller overview drew the nodes' names and statuses at 4–7 px (e2e/canvas-view.spec.ts).
 */
export const MIN_OVERVIEW_ZOOM = MIN_READABLE_ZOOM;

function fitZoom(bounds: Box, width: number, height: number): number {
  return Math.min(
    (width - PAD * 2) / Math.max(1, bounds.width),
    (height - PAD * 2) / Math.max(1, bounds.height),
  );
}

/** True when the opening view shows the whole graph (so there is nothing to follow). */
export function opensWhole(bounds: Box, width: number, height: number): boolean {
  return fitZoom(bounds, width, height) >= MIN_OVERVIEW_ZOOM;
}

/**
 * The opening view of a graph with `bounds` in a `width` × `height` canvas: the whole graph when
 * it fits at MIN_OVERVIEW_ZOOM or more (centred, never enlarged past 1), otherwise the designer's
 * readable zoom at `focus` (the first running task) or, without one, at the top.
 */
export function openingViewport(
  bounds: Box,
  focus: Box | null,
  width: number,
  height: number,
): Viewport {
  const fit = fitZoom(bounds, width, height);
  const zoom = fit >= MIN_OVERVIEW_ZOOM ? Math.min(1, fit) : MIN_READABLE_ZOOM;
  const centre = (size: number, start: number, extent: number) =>
    (size - extent * zoom) / 2 - start * zoom;
  const fitsX = bounds.width * zoom <= width - PAD * 2;
  const fitsY = bounds.height * zoom <= height - PAD * 2;
  const x =
    fitsX || !focus ? centre(width, bounds.x, bounds.width) : centre(width, focus.x, focus.width);
  const top = PAD - bounds.y * zoom;
  const y = fitsY
    ? centre(height, bounds.y, bounds.height)
    : focus
      ? Math.min(top, height * FOLLOW_AT - focus.y * zoom)
      : top;
  return { x, y, zoom };
}

/**
 * A viewport (same zoom) that brings `box` into view, placed a third down so what follows it shows
 * too, or null when it is already fully in view with a margin.
 */
export function followViewport(
  vp: Viewport,
  box: Box,
  width: number,
  height: number,
): Viewport | null {
  const margin = 24;
  const left = box.x * vp.zoom + vp.x;
  const top = box.y * vp.zoom + vp.y;
  const right = left + box.width * vp.zoom;
  const bottom = top + box.height * vp.zoom;
  const inX = left >= margin && right <= width - margin;
  const inY = top >= margin && bottom <= height - margin;
  if (inX && inY) return null;
  return {
    x: inX ? vp.x : width / 2 - (box.x + box.width / 2) * vp.zoom,
    y: inY ? vp.y : height * FOLLOW_AT - box.y * vp.zoom,
    zoom: vp.zoom,
  };
}

/** React Flow's minimap size (px) and the height of a task node (px, see the designer's SIZES). */
const MINIMAP = { width: 200, height: 150 };
const TASK_HEIGHT = 76;

/**
 * True when a minimap of the graph would draw its tasks at least a pixel tall; past that (a few
 * hundred tasks in a row) it shows nothing but still costs every node's drawing.
 */
export function miniMapShowsNodes(bounds: Box): boolean {
  const scale = Math.max(bounds.width / MINIMAP.width, bounds.height / MINIMAP.height);
  return TASK_HEIGHT / Math.max(scale, 1e-9) >= 1;
}
