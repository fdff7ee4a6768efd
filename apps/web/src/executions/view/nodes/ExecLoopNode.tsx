import { memo, type MouseEvent } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { ChevronLeft, ChevronRight, Repeat } from 'lucide-react';
import type { ExecNodeData } from '../../model/execution-graph.js';
import { statusLabel, statusTone } from '../../model/status-style.js';
import { useExecGraphCallbacks } from '../graph-callbacks.js';

/** A DO_WHILE of the execution: its status, and a stepper through the iterations that ran. */
function ExecLoopNodeView({ data, selected }: NodeProps<Node<ExecNodeData>>) {
  const { showIteration } = useExecGraphCallbacks();
  const iterations = data.iterations ?? [];
  const index = iterations.indexOf(data.iteration ?? 0);
  const go = (delta: number) => (e: MouseEvent) => {
    e.stopPropagation();
    const next = iterations[index + delta];
    if (next !== undefined) showIteration(data.ref, next);
  };
  return (
    <div
      className={`loop-node exec-loop tone-${statusTone(data.status)}${selected ? ' is-selected' : ''}${data.affected ? ' is-affected' : ''}`}
      data-testid={`exec-node-${data.ref}`}
      data-status={data.status}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="loop-node-header">
        <span className="task-node-icon" aria-hidden>
          <Repeat size={18} />
        </span>
        <span className="task-node-body">
          <span className="task-node-name">{data.name}</span>
          <span className="task-node-ref">{data.ref}</span>
          <span className="exec-node-status">
            <span className="status-dot" aria-hidden />
            {statusLabel(data.status)}
          </span>
        </span>
        {iterations.length > 0 ? (
          <span
            className="iteration-stepper nodrag"
            role="group"
            aria-label={`Iterations of ${data.ref}`}
          >
            <button
              type="button"
              className="icon-button small"
              aria-label="Previous iteration"
              disabled={index <= 0}
              onClick={go(-1)}
            >
              <ChevronLeft size={14} />
            </button>
            <span className="small" aria-live="polite">
              Iteration {data.iteration} / {iterations.at(-1)}
            </span>
            <button
              type="button"
              className="icon-button small"
              aria-label="Next iteration"
              disabled={index < 0 || index >= iterations.length - 1}
              onClick={go(1)}
            >
              <ChevronRight size={14} />
            </button>
          </span>
        ) : null}
        <span className="task-node-type">Do while</span>
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
export const ExecLoopNode = memo(ExecLoopNodeView);
