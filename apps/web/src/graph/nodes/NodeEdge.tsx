import type { ReactNode } from 'react';

/**
 * A row of badges centred on a node's top or bottom edge: laid out side by side from the right
 * (a problems badge keeps to the left), so badges never cover each other; a long mark shrinks
 * with an ellipsis instead.
 */
export function NodeEdge({ side, children }: { side: 'top' | 'bottom'; children: ReactNode }) {
  return <span className={`node-edge node-edge-${side}`}>{children}</span>;
}
