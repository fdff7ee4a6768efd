import { describe, expect, it } from 'vitest';
import { nodeHandles } from './handles.js';

describe('nodeHandles', () => {
  it('puts a task target on its top edge and its source on its bottom edge, centred', () => {
    const [target, source] = nodeHandles('task', 240, 76);
    expect(target).toMatchObject({ type: 'target', position: 'top', y: -2 });
    expect(source).toMatchObject({ type: 'source', position: 'bottom', y: 72 });
    expect(target!.x + target!.width! / 2).toBeCloseTo(121.5);
  });

  it('gives a loop its body handle under the header and its out handle at the bottom', () => {
    const handles = nodeHandles('loop', 296, 300);
    expect(handles.map((h) => [h.id ?? null, h.type, h.y])).toEqual([
      [null, 'target', -2],
      ['body', 'source', 80],
      ['out', 'source', 296],
    ]);
  });

  it('gives start only a source and end only a target', () => {
    expect(nodeHandles('start', 120, 40).map((h) => h.type)).toEqual(['source']);
    expect(nodeHandles('end', 120, 40).map((h) => h.type)).toEqual(['target']);
  });
});
