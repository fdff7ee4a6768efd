/**
 * The collapsed groups of one graph, kept per workflow for the browser session (sessionStorage),
 * so a reload or coming back to the workflow shows the same groups open.
 * @module
 */
import { useCallback, useState } from 'react';

const PREFIX = 'baton.collapsed.';

function read(key: string): Set<string> | null {
  try {
    const raw = sessionStorage.getItem(PREFIX + key);
    if (raw === null) return null;
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed)
      ? new Set(parsed.filter((r): r is string => typeof r === 'string'))
      : null;
  } catch {
    return null;
  }
}

function write(key: string, refs: ReadonlySet<string>): void {
  try {
    sessionStorage.setItem(PREFIX + key, JSON.stringify([...refs]));
  } catch {
    // Storage full or blocked: collapse still works for this page.
  }
}

/**
 * Collapsed group refs for `key` (e.g. `designer:<workflow name>`), starting from what this session
 * stored, else from `initial()`; and a toggle that stores the change.
 */
export function useCollapsedGroups(
  key: string,
  initial: () => readonly string[],
): {
  collapsed: ReadonlySet<string>;
  toggle: (ref: string) => void;
  set: (refs: string[]) => void;
} {
  const [state, setState] = useState(() => ({
    key,
    refs: read(key) ?? new Set(initial()),
  }));
  // Another workflow in the same component: start over from its stored (or initial) state
  // (state adjusted while rendering, as React recommends over an effect).
  let current = state;
  if (state.key !== key) {
    current = { key, refs: read(key) ?? new Set(initial()) };
    setState(current);
  }
  const toggle = useCallback(
    (ref: string) =>
      setState((s) => {
        const refs = new Set(s.refs);
        if (!refs.delete(ref)) refs.add(ref);
        write(s.key, refs);
        return { ...s, refs };
      }),
    [],
  );
  const set = useCallback(
    (list: string[]) =>
      setState((s) => {
        const refs = new Set(list);
        write(s.key, refs);
        return { ...s, refs };
      }),
    [],
  );
  return { collapsed: current.refs, toggle, set };
}
