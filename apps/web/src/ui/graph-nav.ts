/**
 * Keyboard movement between the nodes of a laid-out flow (designer canvas and execution graph):
 * Down and Up follow the edges (through merge dots and other stops that take no focus), Left and
 * Right move to the nearest node beside the current one (another branch or case). Down from the end
 * of a DO_WHILE body leaves the loop for the task after it, as Down from the end of a fork branch or
 * switch case does.
 * @module
 */

/** A node's box. */
export interface NavNode {
  id: string;
  position: { x: number; y: number };
  width?: number;
  height?: number;
}

/** A connection. `sourceHandle` is `body` on the edge from a DO_WHILE node into its body. */
export interface NavEdge {
  source: string;
  target: string;
  sourceHandle?: string | null;
}

/** The handle a DO_WHILE node's edge into its body leaves from (the other one leads past the loop). */
export const LOOP_BODY_HANDLE = 'body';

/** An arrow key's direction. */
export type NavDirection = 'up' | 'down' | 'left' | 'right';

const centre = (n: NavNode) => ({
  x: n.position.x + (n.width ?? 0) / 2,
  y: n.position.y + (n.height ?? 0) / 2,
});

/** The arrow key's direction, or null for any other key (or with a modifier). */
export function arrowDirection(e: {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}): NavDirection | null {
  if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  const map: Record<string, NavDirection> = {
    ArrowUp: 'up',
    ArrowDown: 'down',
    ArrowLeft: 'left',
    ArrowRight: 'right',
  };
  return map[e.key] ?? null;
}

/**
 * The nearest stops along the edges from `from` (down: following them; up: against them), passing
 * through nodes that are not stops; of those, the one nearest `x`, then the nearest vertically.
 * `skipBody` leaves out `from`'s edge into a loop body.
 */
function alongFlow(
  byId: ReadonlyMap<string, NavNode>,
  edges: readonly NavEdge[],
  isStop: (id: string) => boolean,
  from: string,
  x: number,
  dir: 'up' | 'down',
  skipBody: boolean,
): string | null {
  const found: NavNode[] = [];
  const seen = new Set([from]);
  let frontier = [from];
  while (frontier.length && found.length === 0) {
    const next: string[] = [];
    for (const id of frontier)
      for (const e of edges) {
        if (skipBody && e.source === from && e.sourceHandle === LOOP_BODY_HANDLE) continue;
        const to =
          dir === 'down' ? (e.source === id ? e.target : null) : e.target === id ? e.source : null;
        if (to === null || seen.has(to)) continue;
        seen.add(to);
        const n = byId.get(to);
        if (n && isStop(to)) found.push(n);
        else next.push(to);
      }
    frontier = next;
  }
  found.sort(
    (a, b) =>
      Math.abs(centre(a).x - x) - Math.abs(centre(b).x - x) ||
      (dir === 'down' ? a.position.y - b.position.y : b.position.y - a.position.y),
  );
  return found[0]?.id ?? null;
}

/**
 * The DO_WHILE node whose body holds `id`, or null at the top level: going back against the edges,
 * the first edge met that enters a loop body comes from it (an inner loop is passed by its node,
 * never entered from below).
 */
export function enclosingLoop(edges: readonly NavEdge[], id: string): string | null {
  const seen = new Set([id]);
  let frontier = [id];
  while (frontier.length) {
    const next: string[] = [];
    for (const to of frontier)
      for (const e of edges) {
        if (e.target !== to) continue;
        if (e.sourceHandle === LOOP_BODY_HANDLE) return e.source;
        if (!seen.has(e.source)) {
          seen.add(e.source);
          next.push(e.source);
        }
      }
    frontier = next;
  }
  return null;
}

/** The node an arrow key moves to from `current`, or null when there is none that way. */
export function nextNode(
  nodes: readonly NavNode[],
  edges: readonly NavEdge[],
  isStop: (id: string) => boolean,
  current: string,
  dir: NavDirection,
): string | null {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const here = byId.get(current);
  if (!here) return null;
  const c = centre(here);
  if (dir === 'up') return alongFlow(byId, edges, isStop, current, c.x, 'up', false);
  if (dir === 'down') {
    // At the end of a loop body, Down goes on from the loop itself (past its body), outwards
    // through nested loops until something follows.
    const left = new Set<string>();
    for (let from: string | null = current, leaving = false; from && !left.has(from);) {
      const found = alongFlow(byId, edges, isStop, from, c.x, 'down', leaving);
      if (found) return found;
      if (leaving) left.add(from);
      from = enclosingLoop(edges, from);
      leaving = true;
    }
    return null;
  }
  const sign = dir === 'right' ? 1 : -1;
  const candidates = nodes.filter((n) => {
    if (n.id === current || !isStop(n.id)) return false;
    const dx = (centre(n).x - c.x) * sign;
    return dx > 1;
  });
  candidates.sort((a, b) => {
    const da = centre(a);
    const db = centre(b);
    // Beside first (vertical distance weighs more), then nearest.
    return (
      Math.abs(da.y - c.y) * 3 +
      Math.abs(da.x - c.x) -
      (Math.abs(db.y - c.y) * 3 + Math.abs(db.x - c.x))
    );
  });
  return candidates[0]?.id ?? null;
}

let focusRequest = 0;

/**
 * Focuses the node element with React Flow id `id` inside `root` once it can take focus (React
 * Flow makes a node focusable a render or two after its `focusable` flag changes). A later request
 * replaces an earlier one, and none takes the focus back from a field or dialog the user went to.
 */
export function focusNodeSoon(root: HTMLElement | null, id: string): void {
  const request = ++focusRequest;
  const attempt = (tries: number) => {
    if (!root || request !== focusRequest) return;
    // A retry gives way to a field or dialog focused meanwhile (the first attempt may come from
    // one that is closing).
    const active = document.activeElement;
    if (tries < 10 && active?.closest('input, textarea, select, [role="dialog"]')) return;
    const el = root.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
    if (el && el.tabIndex >= 0) {
      el.focus();
      if (document.activeElement === el) return;
    }
    if (tries > 0) requestAnimationFrame(() => attempt(tries - 1));
  };
  attempt(10);
}
