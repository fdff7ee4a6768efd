/**
 * A DO_WHILE: a container whose header shows the loop, with the body laid out inside it. Designer
 * skin: the loop condition and problems; execution skin: the status and the iteration stepper.
 * Both carry the collapse toggle (a collapsed loop is drawn as a task box, see TaskNode).
 * @module
 */
import { memo, type ReactNode } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { Repeat } from 'lucide-react';
import type { TaskNodeData } from '../../designer/model/def-to-graph.js';
import type { ExecNodeData } from '../../executions/model/execution-graph.js';
import { statusLabel, statusTone } from '../../executions/model/status-style.js';
import { GroupToggle } from './GroupToggle.js';
import { IterationStepper } from './IterationStepper.js';
import { designOverlayClass, designOverlays, designTitle } from './DesignOverlays.js';
import { NodeEdge } from './NodeEdge.js';

interface LoopFrameProps {
  ref_: string;
  name: string;
  className: string;
  testId: string;
  attrs?: Record<string, string | undefined>;
  line: ReactNode;
  /** Controls in the header (the execution's stepper). */
  controls?: ReactNode;
  /** Badges on the top edge, before the group toggle and the type label. */
  top?: ReactNode;
  /** Badges placed by their own CSS. */
  badges?: ReactNode;
  count: number;
}

function LoopFrame(p: LoopFrameProps) {
  return (
    <div className={`loop-node ${p.className}`} data-testid={p.testId} {...p.attrs}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="loop-node-header">
        <span className="task-node-icon" aria-hidden>
          <Repeat size={18} />
        </span>
        <span className="task-node-body">
          <span className="task-node-name">{p.name}</span>
          <span className="task-node-ref">{p.ref_}</span>
          {p.line}
        </span>
        {p.controls}
        <NodeEdge side="top">
          {p.top}
          <GroupToggle ref_={p.ref_} collapsed={false} count={p.count} />
          <span className="task-node-type">Do while</span>
        </NodeEdge>
        {p.badges}
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

function DesignLoopNodeView({ data, selected }: NodeProps<Node<TaskNodeData>>) {
  const overlays = designOverlays(data);
  return (
    <LoopFrame
      ref_={data.ref}
      name={data.name}
      className={`${selected ? 'is-selected' : ''}${designOverlayClass(data)}`}
      testId={`task-${data.ref}`}
      attrs={{
        'data-task-type': data.taskType,
        'data-mark': data.mark?.tone,
        title: designTitle(data),
      }}
      line={<span className="task-node-summary">while {data.summary || '…'}</span>}
      top={
        <>
          {overlays.top}
          {overlays.bottom}
        </>
      }
      badges={overlays.free}
      count={data.group?.count ?? 0}
    />
  );
}

function ExecLoopNodeView({ data, selected }: NodeProps<Node<ExecNodeData>>) {
  return (
    <LoopFrame
      ref_={data.ref}
      name={data.name}
      className={`exec-loop tone-${statusTone(data.status)}${selected ? ' is-selected' : ''}${data.affected ? ' is-affected' : ''}`}
      testId={`exec-node-${data.ref}`}
      attrs={{ 'data-status': data.status }}
      line={
        <span className="exec-node-status">
          <span className="status-dot" aria-hidden />
          {statusLabel(data.status)}
        </span>
      }
      controls={<IterationStepper data={data} />}
      count={data.group?.count ?? 0}
    />
  );
}

/** Memoised designer loop container. */
export const DesignLoopNode = memo(DesignLoopNodeView);
/** Memoised execution loop container. */
export const ExecLoopNode = memo(ExecLoopNodeView);
