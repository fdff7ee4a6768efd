/**
 * "Skip to canvas": the first tab stop of a page with a graph canvas (the designer, an execution),
 * hidden until it has the focus, as in WAI's skip-link pattern. Enter moves the focus to the canvas,
 * where the arrows select tasks (see docs/debug-and-compare.md, "By keyboard").
 * @module
 */
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';

interface SkipTarget {
  /** The id of the element the link focuses, or null on a page without a canvas. */
  id: string | null;
  set: (id: string | null) => void;
}

const SkipTargetContext = createContext<SkipTarget>({ id: null, set: () => {} });

/** Focuses the element with id `id`, if the page has it; whether it took the focus. */
export function focusSkipTarget(doc: Document, id: string): boolean {
  const el = doc.getElementById(id);
  el?.focus();
  return el !== null && doc.activeElement === el;
}

/** Holds the current page's skip target (set by `useSkipTarget`, drawn by `SkipLink`). */
export function SkipTargetProvider({ children }: { children: ReactNode }) {
  const [id, set] = useState<string | null>(null);
  const value = useMemo(() => ({ id, set }), [id]);
  return <SkipTargetContext.Provider value={value}>{children}</SkipTargetContext.Provider>;
}

/** Makes the element with id `id` the skip link's target while the calling component is mounted. */
export function useSkipTarget(id: string): void {
  const { set } = useContext(SkipTargetContext);
  useEffect(() => {
    set(id);
    return () => set(null);
  }, [set, id]);
}

/** The link, when the page has set a target; nothing otherwise. */
export function SkipLink() {
  const { id } = useContext(SkipTargetContext);
  if (!id) return null;
  return (
    <a
      className="skip-link"
      href={`#${id}`}
      onClick={(e) => {
        e.preventDefault();
        focusSkipTarget(document, id);
      }}
    >
      Skip to canvas
    </a>
  );
}
