import { memo } from 'react';
import { Handle, Position } from '@xyflow/react';

/** An empty branch or case: a quiet marker where the designer shows a drop placeholder. */
function EmptyBranchNodeView() {
  return (
    <div className="exec-empty-branch">
      <Handle type="target" position={Position.Top} isConnectable={false} />
      nothing to run
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

/** Memoised empty-branch marker. */
export const EmptyBranchNode = memo(EmptyBranchNodeView);
