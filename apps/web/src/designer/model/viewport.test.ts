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
});
