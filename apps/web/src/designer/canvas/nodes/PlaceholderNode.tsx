import { memo, useState } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { Plus } from 'lucide-react';
import type { PlaceholderNodeData } from '../../model/def-to-graph.js';
import { useCanvasCallbacks } from '../canvas-callbacks.js';
import { TASK_DRAG_MIME } from '../canvas-callbacks.js';

/** An empty branch, case or loop body: click or drop a task here. */
function PlaceholderNodeView({ data }: NodeProps<Node<PlaceholderNodeData>>) {
  const { onInsertAt, onDropType } = useCanvasCallbacks();
  const [over, setOver] = useState(false);
  return (
    <button
      type="button"
      className={`placeholder-node nodrag${over ? ' is-drop-target' : ''}`}
      aria-label="Add a task here"
      tabIndex={-1}
      onClick={(e) => onInsertAt(data.position, e.currentTarget)}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes(TASK_DRAG_MIME)) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        setOver(false);
        const type = e.dataTransfer.getData(TASK_DRAG_MIME);
        if (type) {
          e.preventDefault();
          e.stopPropagation();
          onDropType(type, data.position);
        }
      }}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <Plus size={14} aria-hidden /> Add task
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </button>
  );
}

/** Memoised placeholder. */
export const PlaceholderNode = memo(PlaceholderNodeView);
