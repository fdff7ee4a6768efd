import { useEffect, useRef } from 'react';
import type { Position } from '../model/slots.js';
import type { TaskKind } from '../model/task-catalog.js';
import { TaskPalette } from './TaskPalette.js';

/** Props of the insert menu. */
export interface InsertMenuProps {
  position: Position;
  anchor: { x: number; y: number };
  onPick: (kind: TaskKind, position: Position) => void;
  onClose: () => void;
}

/** A small floating palette opened from a "+" button; Escape or a click outside closes it. */
export function InsertMenu({ position, anchor, onPick, onClose }: InsertMenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [onClose]);
  const left = Math.min(anchor.x, window.innerWidth - 320);
  const top = Math.min(anchor.y, window.innerHeight - 420);
  return (
    <div
      ref={ref}
      className="insert-menu"
      role="dialog"
      aria-label="Insert task"
      style={{ left, top }}
    >
      <TaskPalette compact autoFocus onPick={(kind) => onPick(kind, position)} />
    </div>
  );
}
