import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { TriangleAlert } from 'lucide-react';
import type { TaskNodeData } from '../../model/def-to-graph.js';
import { taskVisual } from '../task-visuals.js';
import { TestMarks, testMarkClass } from './TestMarks.js';

/** A task on the canvas: icon, name, reference, a one-line summary, its type and its problems. */
function TaskNodeView({ data, selected }: NodeProps<Node<TaskNodeData>>) {
  const visual = taskVisual(data.taskType);
  const Icon = visual.icon;
  const issues = data.issues.length;
  return (
    <div
      className={`task-node family-${visual.family}${selected ? ' is-selected' : ''}${issues ? ' has-issues' : ''}${data.duplicate ? ' is-duplicate' : ''}${testMarkClass(data)}`}
      data-testid={`task-${data.ref}`}
      data-duplicate={data.duplicate ? 'true' : undefined}
      data-task-type={data.taskType}
      title={issues ? data.issues.join('\n') : undefined}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <span className="task-node-icon" aria-hidden>
        <Icon size={18} />
      </span>
      <span className="task-node-body">
        <span className="task-node-name">{data.name}</span>
        <span className="task-node-ref">
          {data.ref}
          {data.duplicate ? <span className="task-node-dup"> · duplicate reference</span> : null}
        </span>
        {data.summary ? <span className="task-node-summary">{data.summary}</span> : null}
      </span>
      <span className="task-node-type">
        {visual.label}
        {data.optional ? ' · optional' : ''}
      </span>
      {issues ? (
        <span className="task-node-issues" aria-label={`${issues} problem${issues > 1 ? 's' : ''}`}>
          <TriangleAlert size={12} aria-hidden /> {issues}
        </span>
      ) : null}
      <TestMarks data={data} />
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

/** Memoised: React Flow re-renders it only when its node object changes. */
export const TaskNode = memo(TaskNodeView);
