import { statusLabel, statusTone } from '../../executions/model/status-style.js';
import type { TaskNodeData } from '../../designer/model/def-to-graph.js';
import '../../designer/tests/tests.css';
import '../../executions/executions.css';

/** Classes of a node the Test tab marks: the run's status tone (as the execution graph colours it). */
export function testMarkClass(data: TaskNodeData): string {
  return data.runStatus ? ` exec-node tone-${statusTone(data.runStatus)}` : '';
}

/** The status the Test tab's run reached on this node. */
export function TestRunStatus({ data }: { data: TaskNodeData }) {
  return data.runStatus ? (
    <span className="exec-node-status test-run-status" data-testid={`run-status-${data.ref}`}>
      <span className="status-dot" aria-hidden />
      {statusLabel(data.runStatus)}
    </span>
  ) : null;
}

/** The branches of this node no test case reaches. */
export function TestGap({ data }: { data: TaskNodeData }) {
  const uncovered = data.uncovered ?? [];
  return uncovered.length ? (
    <span
      className="test-gap"
      data-testid={`gap-${data.ref}`}
      title={`No test case reaches: ${uncovered.join(', ')}`}
    >
      Untested: {uncovered.join(', ')}
    </span>
  ) : null;
}
