import { describe, expect, it } from 'vitest';
import { MIN_READABLE_ZOOM } from '../../designer/model/viewport.js';
import {
  boundsOf,
  followViewport,
  MIN_OVERVIEW_ZOOM,
  miniMapShowsNodes,
  openingViewport,
  opensWhole,
} from './viewport.js';

const task = (x: number, y: number) => ({ position: { x, y }, width: 240, height: 76 });
/** A linear flow of `n` tasks, 140 px apart. */
const chain = (n: number) => Array.from({ length: n }, (_, i) => task(0, i * 140));
/** Where a graph point lands on screen. */
const onScreen = (vp: { x: number; y: number; zoom: number }, x: number, y: number) => ({
  x: x * vp.zoom + vp.x,
  y: y * vp.zoom + vp.y,
});

describe('boundsOf', () => {
  it('spans every node with its size', () => {
    expect(boundsOf([task(-100, 20), task(300, 500)])).toEqual({
      x: -100,
      y: 20,
      width: 640,
      height: 556,
    });
    expect(boundsOf([])).toEqual({ x: 0, y: 0, width: 0, height: 0 });
  });
});

describe('openingViewport', () => {
  it('centres a small flow, never enlarged past zoom 1', () => {
    const vp = openingViewport(boundsOf(chain(3)), null, 1000, 800);
    expect(vp.zoom).toBe(1);
    expect(vp.x).toBe(380);
    expect(vp.y).toBe((800 - 356) / 2);
  });

  it('fits a medium flow whole at a readable zoom, and opens a longer one from its top', () => {
    expect(MIN_OVERVIEW_ZOOM).toBe(MIN_READABLE_ZOOM);
    const vp = openingViewport(boundsOf(chain(5)), null, 1000, 800);
    expect(vp.zoom).toBeGreaterThanOrEqual(MIN_READABLE_ZOOM);
    const long = openingViewport(boundsOf(chain(11)), null, 1280, 620);
    expect(long.zoom).toBe(MIN_READABLE_ZOOM);
    expect(onScreen(long, 0, 0).y).toBe(40);
  });

  it('shows a 1,000-task flow at a readable zoom from its top, not as specks', () => {
    expect(opensWhole(boundsOf(chain(5)), 1000, 800)).toBe(true);
    expect(opensWhole(boundsOf(chain(1000)), 1000, 600)).toBe(false);
    const vp = openingViewport(boundsOf(chain(1000)), null, 1000, 600);
    expect(vp.zoom).toBe(MIN_READABLE_ZOOM);
    expect(onScreen(vp, 0, 0).y).toBe(40);
  });

  it('opens a long running flow on its running task', () => {
    const running = { x: 0, y: 500 * 140, width: 240, height: 76 };
    const vp = openingViewport(boundsOf(chain(1000)), running, 1000, 600);
    expect(vp.zoom).toBe(MIN_READABLE_ZOOM);
    const top = onScreen(vp, running.x, running.y).y;
    expect(top).toBeGreaterThan(0);
    expect(top + running.height * vp.zoom).toBeLessThan(600);
  });

  it('does not scroll past the start for a running task near the top', () => {
    const vp = openingViewport(boundsOf(chain(1000)), { ...task(0, 140), x: 0, y: 140 }, 1000, 600);
    expect(onScreen(vp, 0, 0).y).toBe(40);
  });
});

describe('followViewport', () => {
  const vp = { x: 0, y: 0, zoom: 0.6 };
  it('leaves the view alone while the task is in view', () => {
    expect(followViewport(vp, { x: 100, y: 100, width: 240, height: 76 }, 1000, 600)).toBeNull();
  });

  it('brings a task below the fold a third down the view, keeping the zoom', () => {
    const box = { x: 100, y: 2000, width: 240, height: 76 };
    const next = followViewport(vp, box, 1000, 600)!;
    expect(next.zoom).toBe(0.6);
    expect(next.x).toBe(0);
    expect(onScreen(next, box.x, box.y).y).toBe(200);
  });

  it('centres a task that is off to the side', () => {
    const box = { x: 3000, y: 100, width: 240, height: 76 };
    const next = followViewport(vp, box, 1000, 600)!;
    expect(next.y).toBe(0);
    expect(onScreen(next, box.x + box.width / 2, 0).x).toBeCloseTo(500);
  });
});

describe('miniMapShowsNodes', () => {
  it('keeps the minimap while its nodes are visible, not for a 1,000-task flow', () => {
    expect(miniMapShowsNodes(boundsOf(chain(20)))).toBe(true);
    expect(miniMapShowsNodes(boundsOf(chain(1000)))).toBe(false);
  });
});
