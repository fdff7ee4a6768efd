/**
 * Callbacks the canvas hands to its nodes and edges (insert menus, drops), through context so the
 * memoised node components stay cheap.
 * @module
 */
import { createContext, useContext } from 'react';
import type { Position } from '../model/slots.js';

/** The drag-and-drop MIME type carrying a task type from the palette. */
export const TASK_DRAG_MIME = 'application/x-baton-task-type';

/** What nodes and edges may ask the canvas to do. */
export interface CanvasCallbacks {
  /** Opens the insert menu for `position`, anchored at `anchor`. */
  onInsertAt: (position: Position, anchor: HTMLElement) => void;
  /** A palette item of `type` was dropped at `position`. */
  onDropType: (type: string, position: Position) => void;
  /** Enter on a task node: show its properties (and move the focus there). */
  onOpenTask?: (ref: string) => void;
}

/** Context carrying the callbacks. */
export const CanvasCallbacksContext = createContext<CanvasCallbacks>({
  onInsertAt: () => {},
  onDropType: () => {},
});

/** The canvas callbacks. */
export function useCanvasCallbacks(): CanvasCallbacks {
  return useContext(CanvasCallbacksContext);
}
