/**
 * The marks a version comparison lays over its canvas: which tasks are coloured, with what badge
 * and hover text, for each view (both versions merged, or one alone).
 * @module
 */
import type { NodeMark } from '../../designer/model/def-to-graph.js';
import type { TaskChange, VersionDiff } from './version-diff.js';

/** What the canvas draws: both versions merged (the default), or one of them alone. */
export type CanvasView = 'merged' | 'older' | 'newer';

/** Badge text of each change. */
export const CHANGE_LABELS: Record<TaskChange, string> = {
  added: 'Added',
  removed: 'Removed',
  changed: 'Changed',
};

function hint(change: TaskChange, view: CanvasView, va: number, vb: number): string {
  if (change === 'added') return `Only in v${vb}: added since v${va}.`;
  if (change === 'changed') return `In both: its settings, or the tasks in its branches, differ.`;
  return view === 'merged'
    ? `Only in v${va}: removed in v${vb}, drawn where it was.`
    : `Only in v${va}: removed in v${vb}.`;
}

/**
 * Marks by reference name: the merged canvas shows every change (the removed tasks are its
 * ghosts), the newer version alone its added and changed tasks, the older alone its removed and
 * changed ones.
 */
export function versionMarks(
  diff: VersionDiff,
  view: CanvasView,
  versions: { a: number; b: number },
): Map<string, NodeMark> {
  const marks = new Map<string, NodeMark>();
  for (const [ref, change] of diff.byRef) {
    if (view === 'newer' && change === 'removed') continue;
    if (view === 'older' && change === 'added') continue;
    marks.set(ref, {
      tone: change,
      label: CHANGE_LABELS[change],
      detail: hint(change, view, versions.a, versions.b),
    });
  }
  return marks;
}
