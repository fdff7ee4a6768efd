import { describe, expect, it } from 'vitest';
import { initialViewport, MIN_READABLE_ZOOM } from './viewport.js';

describe('initialViewport', () => {
  it('centres a small flow at zoom 1', () => {
    expect(initialViewport({ width: 200, height: 300 }, 1000, 800)).toEqual({ x: 400, y: 250, zoom: 1 });
  });

  it('shows the top of a tall flow at a readable zoom', () => {
    const v = initialViewport({ width: 400, height: 20000 }, 1000, 800);
    expect(v.zoom).toBe(MIN_READABLE_ZOOM);
    expect(v.y).toBe(40);
  });
});
