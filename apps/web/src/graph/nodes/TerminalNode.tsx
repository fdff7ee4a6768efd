import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { Play, Square } from 'lucide-react';

/** The start and end markers of the flow. */
function TerminalNodeView({ type }: NodeProps<Node>) {
  const isStart = type === 'start';
  return (
    <div
      className={`terminal-node ${isStart ? 'is-start' : 'is-end'}`}
      data-testid={isStart ? 'flow-start' : 'flow-end'}
    >
      {isStart ? null : <Handle type="target" position={Position.Top} isConnectable={false} />}
      {isStart ? <Play size={14} aria-hidden /> : <Square size={12} aria-hidden />}
      {isStart ? 'Start' : 'End'}
      {isStart ? <Handle type="source" position={Position.Bottom} isConnectable={false} /> : null}
    </div>
  );
}

/** Memoised start/end node. */
export const TerminalNode = memo(TerminalNodeView);
