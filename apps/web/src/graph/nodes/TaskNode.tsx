/**
 * A task box, in two skins: the designer's (summary line, validation problems) and the
 * execution's (live status, attempts, child execution link, per-status counts). Forks and switches
 * carry a collapse toggle in both; a collapsed group shows how many tasks it holds.
 * @module
 */
import { memo, type ReactNode } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { ExternalLink, RotateCcw } from 'lucide-react';
import type { TaskNodeData } from '../../designer/model/def-to-graph.js';
import type { ExecNodeData } from '../../executions/model/execution-graph.js';
import { statusLabel, statusTone } from '../../executions/model/status-style.js';
import { useGraphCallbacks } from '../callbacks.js';
import { taskVisual } from '../task-visuals.js';
import { GroupToggle } from './GroupToggle.js';
import { StatusCountsLine } from './StatusCounts.js';
import { designOverlayClass, designOverlays, designTitle } from './DesignOverlays.js';
import { NodeEdge } from './NodeEdge.js';

interface FrameProps {
  ref_: string;
  name: string;
  taskType: string;
  className: string;
  testId: string;
  attrs?: Record<string, string | undefined>;
  /** The lines under the name and reference. */
  lines: ReactNode;
  /** Text after the type label ("· optional"). */
  typeSuffix?: string;
  /** Badges on the top edge, before the type label (problems, a test run's status). */
  top?: ReactNode;
  /** Badges on the bottom edge, before the group toggle (a mark, attempts). */
  bottom?: ReactNode;
  /** Badges placed by their own CSS (a child execution link, a test gap). */
  badges?: ReactNode;
  group?: { collapsed: boolean; count: number } | undefined;
  /** Set for a tall box (collapsed group, summarised fork): the line of counts. */
  footer?: ReactNode;
}

/** The shared box: icon, name, reference, lines, type label, badges and the group toggle. */
function TaskFrame(p: FrameProps) {
  const visual = taskVisual(p.taskType);
  const Icon = visual.icon;
  const tall = p.group?.collapsed || p.footer !== undefined;
  return (
    <div
      className={`task-node family-${visual.family}${tall ? ' is-tall' : ''}${p.group?.collapsed ? ' is-collapsed' : ''} ${p.className}`}
      data-testid={p.testId}
      data-task-type={p.taskType}
      {...p.attrs}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <span className="task-node-row">
        <span className="task-node-icon" aria-hidden>
          <Icon size={18} />
        </span>
        <span className="task-node-body">
          <span className="task-node-name">{p.name}</span>
          {p.lines}
        </span>
      </span>
      {p.footer !== undefined ? <span className="task-node-footer">{p.footer}</span> : null}
      <NodeEdge side="top">
        {p.top}
        <span className="task-node-type">
          {visual.label}
          {p.typeSuffix ?? ''}
        </span>
      </NodeEdge>
      {p.badges}
      {p.bottom || p.group ? (
        <NodeEdge side="bottom">
          {p.bottom}
          {p.group ? (
            <GroupToggle ref_={p.ref_} collapsed={p.group.collapsed} count={p.group.count} />
          ) : null}
        </NodeEdge>
      ) : null}
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

/** Designer skin: a one-line summary and the task's problems. */
function DesignTaskNodeView({ data, selected }: NodeProps<Node<TaskNodeData>>) {
  const collapsed = data.group?.collapsed === true;
  const overlays = designOverlays(data);
  return (
    <TaskFrame
      ref_={data.ref}
      name={data.name}
      taskType={data.taskType}
      className={`${selected ? 'is-selected' : ''}${data.duplicate ? ' is-duplicate' : ''}${designOverlayClass(data)}`}
      testId={`task-${data.ref}`}
      attrs={{
        'data-duplicate': data.duplicate ? 'true' : undefined,
        'data-mark': data.mark?.tone,
        title: designTitle(data),
      }}
      lines={
        <>
          <span className="task-node-ref">
            {data.ref}
            {data.duplicate ? <span className="task-node-dup"> · duplicate reference</span> : null}
          </span>
          {data.summary ? <span className="task-node-summary">{data.summary}</span> : null}
        </>
      }
      typeSuffix={data.optional ? ' · optional' : ''}
      top={overlays.top}
      bottom={overlays.bottom}
      badges={overlays.free}
      group={data.group}
      {...(collapsed
        ? { footer: <span className="muted">{data.group!.count} tasks hidden</span> }
        : {})}
    />
  );
}

/** Execution skin: the live status, attempts and a link to a child execution. */
function ExecTaskNodeView({ data, selected }: NodeProps<Node<ExecNodeData>>) {
  const { openExecution } = useGraphCallbacks();
  const collapsed = data.group?.collapsed === true;
  const counts = collapsed ? data.group?.counts : data.branches?.counts;
  return (
    <TaskFrame
      ref_={data.ref}
      name={data.name}
      taskType={data.taskType}
      className={`exec-node tone-${statusTone(data.status)}${selected ? ' is-selected' : ''}${data.affected ? ' is-affected' : ''}`}
      testId={`exec-node-${data.ref}`}
      attrs={{ 'data-status': data.status }}
      lines={
        <>
          <span className="task-node-ref">{data.ref}</span>
          <span className="exec-node-status">
            <span className="status-dot" aria-hidden />
            {statusLabel(data.status)}
          </span>
        </>
      }
      bottom={
        data.attempts > 1 ? (
          <span className="exec-node-attempts" title={`${data.attempts} attempts`}>
            <RotateCcw size={10} aria-hidden /> {data.attempts}
          </span>
        ) : null
      }
      badges={
        <>
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
        </>
      }
      group={data.group}
      {...(counts
        ? {
            footer: (
              <>
                {data.branches ? (
                  <span className="task-node-branches">{data.branches.total} branches</span>
                ) : null}
                <StatusCountsLine counts={counts} />
              </>
            ),
          }
        : {})}
    />
  );
}

/** Memoised designer task node: React Flow re-renders it only when its node object changes. */
export const DesignTaskNode = memo(DesignTaskNodeView);
/** Memoised execution task node: re-renders only when its status or selection changes. */
export const ExecTaskNode = memo(ExecTaskNodeView);
