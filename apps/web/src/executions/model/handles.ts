/**
 * Where each node's connection handles sit, given up front. React Flow otherwise mounts every node
 * once just to measure its handles, even with `onlyRenderVisibleElements`: for 1,000 tasks that is
 * ~30,000 elements created and thrown away while the execution opens. With handles given, only the
 * nodes in view mount; a mounted node is still measured from the DOM.
 *
 * The offsets mirror how the node components and their CSS place the 6 px handles (centred on
 * the top and bottom edges, inside the node's border; the loop's body handle under its header).
 * @module
 */
import { Position, type NodeHandle } from '@xyflow/react';

const SIZE = 6;

const handle = (
  type: 'source' | 'target',
  position: Position,
  x: number,
  y: number,
  id?: string,
): NodeHandle => ({
  type,
  position,
  x,
  y,
  width: SIZE,
  height: SIZE,
  ...(id ? { id } : {}),
});

/** The handles of an execution graph node of `type` and size, relative to its top-left corner. */
export function nodeHandles(type: string | undefined, width: number, height: number): NodeHandle[] {
  const centre = width / 2 - SIZE / 2;
  switch (type) {
    case 'task':
      // The 4 px left border (1 px right) moves the centre of the padding box 1.5 px right.
      return [
        handle('target', Position.Top, centre + 1.5, -2),
        handle('source', Position.Bottom, centre + 1.5, height - 4),
      ];
    case 'loop':
      return [
        handle('target', Position.Top, centre, -2),
        handle('source', Position.Bottom, centre, 80, 'body'),
        handle('source', Position.Bottom, centre, height - 4, 'out'),
      ];
    case 'merge':
      return [
        handle('target', Position.Top, centre, -1),
        handle('source', Position.Bottom, centre, height - 5),
      ];
    case 'start':
      return [handle('source', Position.Bottom, centre, height - 3)];
    case 'end':
      return [handle('target', Position.Top, centre, -3)];
    default:
      return [
        handle('target', Position.Top, centre, -3),
        handle('source', Position.Bottom, centre, height - 3),
      ];
  }
}
