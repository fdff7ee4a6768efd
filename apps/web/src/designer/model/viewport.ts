/**
 * The first view of a definition: the whole flow when it fits at a readable zoom, otherwise its
 * top at a readable zoom (a 500-task workflow opens at its start, not as specks).
 * @module
 */
import type { Layout } from './layout.js';

/**
 * Smallest zoom the opening view uses: the smallest text on a node (10 px) is then drawn at 9 px
 * or more, its name (13 px) at 11 px (e2e/canvas-view.spec.ts).
 */
export const MIN_READABLE_ZOOM = 0.9;
const PAD = 40;

/** Viewport (pan and zoom) for a layout shown in a `width` × `height` canvas. */
export function initialViewport(
  layout: Pick<Layout, 'width' | 'height'>,
  width: number,
  height: number,
) {
  const fit = Math.min((width - PAD * 2) / layout.width, (height - PAD * 2) / layout.height);
  const zoom = Math.min(1, Math.max(MIN_READABLE_ZOOM, fit));
  const x = (width - layout.width * zoom) / 2;
  const fitsVertically = layout.height * zoom <= height - PAD * 2;
  const y = fitsVertically ? (height - layout.height * zoom) / 2 : PAD;
  return { x, y, zoom };
}

/** A rectangle; in screen pixels relative to the canvas for `avoid`, in flow units for `box`. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * A pan (same zoom) that brings `box` fully into view with a margin, clear of `avoid` (the minimap,
 * in canvas pixels) when given, or null when it already is.
 */
export function panToShow(
  vp: { x: number; y: number; zoom: number },
  box: Rect,
  width: number,
  height: number,
  avoid?: Rect | null,
): { x: number; y: number; zoom: number } | null {
  const margin = 60;
  const left = box.x * vp.zoom + vp.x;
  const top = box.y * vp.zoom + vp.y;
  const right = left + box.width * vp.zoom;
  const bottom = top + box.height * vp.zoom;
  let dx = 0;
  let dy = 0;
  if (left < margin) dx = margin - left;
  else if (right > width - margin) dx = width - margin - right;
  if (top < margin) dy = margin - top;
  else if (bottom > height - margin) dy = height - margin - bottom;
  if (avoid) {
    const gap = 16;
    const covered =
      left + dx < avoid.x + avoid.width + gap &&
      right + dx > avoid.x - gap &&
      top + dy < avoid.y + avoid.height + gap &&
      bottom + dy > avoid.y - gap;
    if (covered) {
      // Move it left of the minimap when it fits there, else above it.
      const toLeft = avoid.x - gap - (right + dx);
      if (left + dx + toLeft >= gap) dx += toLeft;
      else dy += avoid.y - gap - (bottom + dy);
    }
  }
  return dx === 0 && dy === 0 ? null : { x: vp.x + dx, y: vp.y + dy, zoom: vp.zoom };
}
