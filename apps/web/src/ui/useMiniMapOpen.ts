/**
 * Whether the canvases show their minimap: folded away or not, remembered across pages and visits.
 * @module
 */
import { useCallback, useState } from 'react';

const STORAGE_KEY = 'baton.minimap';

function readOpen(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) !== 'closed';
  } catch {
    return true; // storage blocked: open, not remembered
  }
}

/** `[open, toggle]`: the minimap's state and the switch of the "Hide/Show minimap" button. */
export function useMiniMapOpen(): [boolean, () => void] {
  const [open, setOpen] = useState(readOpen);
  const toggle = useCallback(() => {
    setOpen((was) => {
      try {
        localStorage.setItem(STORAGE_KEY, was ? 'closed' : 'open');
      } catch {
        // not remembered
      }
      return !was;
    });
  }, []);
  return [open, toggle];
}

/** The minimap's box in pixels relative to `canvas`, or null when none is drawn. */
export function miniMapRect(canvas: HTMLElement | null | undefined) {
  const map = canvas?.querySelector('.react-flow__minimap');
  if (!canvas || !map) return null;
  const c = canvas.getBoundingClientRect();
  const m = map.getBoundingClientRect();
  return { x: m.left - c.left, y: m.top - c.top, width: m.width, height: m.height };
}
