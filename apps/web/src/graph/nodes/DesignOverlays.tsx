/**
 * What the designer lays over its task and loop nodes, shared by both skins: the task's problems,
 * a mark from the debug and compare views, and the Test tab's run status and coverage gaps.
 * The badges sit on the node's edges in rows (see NodeEdge), so they never cover each other.
 * @module
 */
import type { ReactNode } from 'react';
import { TriangleAlert } from 'lucide-react';
import type { TaskNodeData } from '../../designer/model/def-to-graph.js';
import { TestGap, TestRunStatus, testMarkClass } from './TestMarks.js';

/** Class suffix for the overlays: problems, a mark, the test run's status tone. */
export function designOverlayClass(data: TaskNodeData): string {
  return `${data.issues.length ? ' has-issues' : ''}${data.mark ? ` has-mark mark-${data.mark.tone}` : ''}${testMarkClass(data)}`;
}

/** Hover text: the problems first, else the mark's detail (e.g. a failure reason). */
export function designTitle(data: TaskNodeData): string | undefined {
  return data.issues.length ? data.issues.join('\n') : data.mark?.detail;
}

/** Where a designer node's overlays go: each edge's row, and the free-standing ones. */
export interface DesignOverlayParts {
  /** On the top edge, before the type label: problems, then the test run's status. */
  top: ReactNode;
  /** On the bottom edge, before the group toggle: the debug or compare mark. */
  bottom: ReactNode;
  /** Placed by their own CSS: the test coverage gap. */
  free: ReactNode;
}

/** The overlays of one designer node, split by where they sit. */
export function designOverlays(data: TaskNodeData): DesignOverlayParts {
  const issues = data.issues.length;
  return {
    top: (
      <>
        {issues ? (
          <span
            className="task-node-issues"
            aria-label={`${issues} problem${issues > 1 ? 's' : ''}`}
          >
            <TriangleAlert size={12} aria-hidden /> {issues}
          </span>
        ) : null}
        <TestRunStatus data={data} />
      </>
    ),
    bottom: data.mark ? (
      <span className="node-mark" data-testid={`mark-${data.ref}`}>
        {data.mark.label}
      </span>
    ) : null,
    free: <TestGap data={data} />,
  };
}
