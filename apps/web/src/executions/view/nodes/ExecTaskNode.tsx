import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { ExternalLink, RotateCcw } from 'lucide-react';
import { taskVisual } from '../../../designer/canvas/task-visuals.js';
import type { ExecNodeData } from '../../model/execution-graph.js';
import { statusLabel, statusTone } from '../../model/status-style.js';
import { useExecGraphCallbacks } from '../graph-callbacks.js';

/** A task of the execution: the designer's node look, coloured by its live status. */
function ExecTaskNodeView({ data, selected }: NodeProps<Node<ExecNodeData>>) {
  const visual = taskVisual(data.taskType);
  const Icon = visual.icon;
  const { openExecution } = useExecGraphCallbacks();
  const tone = statusTone(data.status);
  return (
    <div
      className={`task-node exec-node family-${visual.family} tone-${tone}${selected ? ' is-selected' : ''}${data.affected ? ' is-affected' : ''}`}
      data-testid={`exec-node-${data.ref}`}
      data-status={data.status}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <span className="task-node-icon" aria-hidden>
        <Icon size={18} />
      </span>
      <span className="task-node-body">
        <span className="task-node-name">{data.name}</span>
        <span className="task-node-ref">{data.ref}</span>
        <span className="exec-node-status">
          <span className="status-dot" aria-hidden />
          {statusLabel(data.status)}
        </span>
      </span>
      <span className="task-node-type">{visual.label}</span>
      {data.attempts > 1 ? (
        <span className="exec-node-attempts" title={`${data.attempts} attempts`}>
          <RotateCcw size={10} aria-hidden /> {data.attempts}
        </span>
      ) : null}
      {data.subWorkflowId ? (
        <button
          type="button"
          className="exec-node-open nodrag"
          aria-label={`Open child execution of ${data.ref}`}
          title="Open the child execution"
          onClick={(e) => {
            e.stopPropagation();
            openExecution(data.subWorkflowId!);
          }}
        >
          <ExternalLink size={13} aria-hidden />
        </button>
      ) : null}
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

/** Memoised: re-renders only when its node object changes (its status or selection). */
export const ExecTaskNode = memo(ExecTaskNodeView);
