import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { Repeat, TriangleAlert } from 'lucide-react';
import type { TaskNodeData } from '../../model/def-to-graph.js';
import { TestMarks, testMarkClass } from './TestMarks.js';

/** A DO_WHILE: a container whose header shows the loop, with the body laid out inside it. */
function LoopNodeView({ data, selected }: NodeProps<Node<TaskNodeData>>) {
  const issues = data.issues.length;
  return (
    <div
      className={`loop-node${selected ? ' is-selected' : ''}${issues ? ' has-issues' : ''}${testMarkClass(data)}`}
      data-testid={`task-${data.ref}`}
      data-task-type={data.taskType}
      title={issues ? data.issues.join('\n') : undefined}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="loop-node-header">
        <span className="task-node-icon" aria-hidden>
          <Repeat size={18} />
        </span>
        <span className="task-node-body">
          <span className="task-node-name">{data.name}</span>
          <span className="task-node-ref">{data.ref}</span>
          <span className="task-node-summary">while {data.summary || '…'}</span>
        </span>
        <span className="task-node-type">Do while</span>
        {issues ? (
          <span
            className="task-node-issues"
            aria-label={`${issues} problem${issues > 1 ? 's' : ''}`}
          >
            <TriangleAlert size={12} aria-hidden /> {issues}
          </span>
        ) : null}
        <TestMarks data={data} />
      </div>
      <Handle
        id="body"
        type="source"
        position={Position.Bottom}
        className="loop-body-handle"
        isConnectable={false}
      />
      <Handle id="out" type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

/** Memoised loop container. */
export const LoopNode = memo(LoopNodeView);
