import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { MergeNodeData } from '../../designer/model/def-to-graph.js';

/** The dot where switch cases (or a loop body's end) come back together. */
function MergeNodeView({ data }: NodeProps<Node<MergeNodeData>>) {
  return (
    <div className="merge-node" title={data.label}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      {data.label ? <span className="merge-node-label">{data.label}</span> : null}
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

/** Memoised merge dot. */
export const MergeNode = memo(MergeNodeView);
