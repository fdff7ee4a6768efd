import { describe, expect, it } from 'vitest';
import { initialViewport, MIN_READABLE_ZOOM, panToShow } from './viewport.js';

describe('initialViewport', () => {
  it('centres a small flow at zoom 1', () => {
    expect(initialViewport({ width: 200, height: 300 }, 1000, 800)).toEqual({
      x: 400,
      y: 250,
      zoom: 1,
    });
  });

  it('shows the top of a tall flow at a readable zoom', () => {
    const v = initialViewport({ width: 400, height: 20000 }, 1000, 800);
    expect(v.zoom).toBe(MIN_READABLE_ZOOM);
    expect(v.y).toBe(40);
  });
});

describe('panToShow', () => {
  it('leaves a visible box alone and pans up to show one below the fold', () => {
    const vp = { x: 0, y: 0, zoom: 1 };
    expect(panToShow(vp, { x: 100, y: 100, width: 200, height: 80 }, 1000, 800)).toBeNull();
    expect(panToShow(vp, { x: 100, y: 1000, width: 200, height: 80 }, 1000, 800)).toEqual({
      x: 0,
      y: -340,
      zoom: 1,
    });
  });

  it('moves a box out from under the minimap: to its left, or above it when there is no room', () => {
    const vp = { x: 0, y: 0, zoom: 1 };
    const minimap = { x: 785, y: 635, width: 200, height: 150 };
    const under = { x: 700, y: 600, width: 240, height: 76 };
    expect(panToShow(vp, under, 1000, 800)).toBeNull();
    const left = panToShow(vp, under, 1000, 800, minimap)!;
    expect(left.x + under.x + under.width).toBeLessThanOrEqual(minimap.x - 16);
    expect(left.y).toBe(0);
    const narrow = { x: 785, y: 635, width: 200, height: 150 };
    const up = panToShow(vp, { x: 700, y: 600, width: 240, height: 76 }, 300, 800, {
      ...narrow,
      x: 100,
    })!;
    expect(up.y + 600 + 76).toBeLessThanOrEqual(635 - 16);
  });
});
