/**
 * What the designer lays over its task and loop nodes, shared by both skins: the task's problems,
 * a mark from the debug and compare views, and the Test tab's run status and coverage gaps.
 * @module
 */
import { TriangleAlert } from 'lucide-react';
import type { TaskNodeData } from '../../designer/model/def-to-graph.js';
import { TestMarks, testMarkClass } from './TestMarks.js';

/** Class suffix for the overlays: problems, a mark, the test run's status tone. */
export function designOverlayClass(data: TaskNodeData): string {
  return `${data.issues.length ? ' has-issues' : ''}${data.mark ? ` has-mark mark-${data.mark.tone}` : ''}${testMarkClass(data)}`;
}

/** Hover text: the problems first, else the mark's detail (e.g. a failure reason). */
export function designTitle(data: TaskNodeData): string | undefined {
  return data.issues.length ? data.issues.join('\n') : data.mark?.detail;
}

/** The overlays' badges. */
export function DesignBadges({ data }: { data: TaskNodeData }) {
  const issues = data.issues.length;
  return (
    <>
      {issues ? (
        <span className="task-node-issues" aria-label={`${issues} problem${issues > 1 ? 's' : ''}`}>
          <TriangleAlert size={12} aria-hidden /> {issues}
        </span>
      ) : null}
      {data.mark ? <span className="node-mark">{data.mark.label}</span> : null}
      <TestMarks data={data} />
    </>
  );
}
