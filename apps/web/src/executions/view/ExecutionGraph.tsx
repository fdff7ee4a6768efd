import { useCallback, useMemo, useRef } from 'react';
import { Background, BackgroundVariant, Controls, MiniMap, ReactFlow, type NodeMouseHandler, type NodeTypes } from '@xyflow/react';
import type { Task, WorkflowDef } from '@baton/client';
import { TerminalNode } from '../../designer/canvas/nodes/TerminalNode.js';
import { MergeNode } from '../../designer/canvas/nodes/MergeNode.js';
import { useTheme } from '../../ui/theme.js';
import { buildBaseGraph, decorateNodes, shapeKey, type ExecNode, type ExecNodeData } from '../model/execution-graph.js';
import { groupByNode, iterationsOf } from '../model/iterations.js';
import { statusTone } from '../model/status-style.js';
import { ExecTaskNode } from './nodes/ExecTaskNode.js';
import { ExecLoopNode } from './nodes/ExecLoopNode.js';
import { EmptyBranchNode } from './nodes/EmptyBranchNode.js';
import { ExecGraphCallbacksContext, type ExecGraphCallbacks } from './graph-callbacks.js';

const NODE_TYPES: NodeTypes = {
  task: ExecTaskNode,
  loop: ExecLoopNode,
  start: TerminalNode,
  end: TerminalNode,
  merge: MergeNode,
  placeholder: EmptyBranchNode,
};

const TONE_COLORS: Record<string, string> = {
  pending: '#98a2b3',
  scheduled: '#84adff',
  running: '#2e90fa',
  success: '#12b76a',
  warning: '#f79009',
  failure: '#d92d20',
  skipped: '#b692f6',
  canceled: '#667085',
  paused: '#f79009',
};

function minimapColor(node: ExecNode): string {
  const status = (node.data as Partial<ExecNodeData>).status;
  return status ? (TONE_COLORS[statusTone(status)] ?? '#98a2b3') : '#d0d5dd';
}

/** Props of the execution graph. */
export interface ExecutionGraphProps {
  def: WorkflowDef;
  /** The rows to paint (live, or as of the scrubber's moment). */
  tasks: readonly Task[];
  /** All rows, for the layout (dynamic forks are drawn as they were forked). */
  allTasks: readonly Task[];
  selectedRef: string | null;
  affected: ReadonlySet<string>;
  iterationByLoop: ReadonlyMap<string, number>;
  onSelect: (ref: string | null) => void;
  callbacks: ExecGraphCallbacks;
}

/**
 * The execution on the designer's layout. The layout is computed once per definition shape; status
 * changes only swap the data of the nodes they touch (no relayout, no viewport jump).
 */
export function ExecutionGraph({ def, tasks, allTasks, selectedRef, affected, iterationByLoop, onSelect, callbacks }: ExecutionGraphProps) {
  const { theme } = useTheme();
  const shape = shapeKey(allTasks);
  // Relayout only when the definition or the forked branches change (`shape`), never on a status change.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const base = useMemo(() => buildBaseGraph(def, allTasks), [def, shape]);
  const groups = useMemo(() => groupByNode(tasks, base.loops, iterationByLoop), [tasks, base, iterationByLoop]);
  const loopIterations = useMemo(
    () => new Map([...base.loops].map(([ref, l]) => [ref, iterationsOf(tasks, l.task)] as const)),
    [tasks, base],
  );
  const previous = useRef<Map<string, ExecNode>>(new Map());
  const nodes = useMemo(() => {
    const next = decorateNodes(base, { groups, affected, selectedRef, iterationByLoop, loopIterations }, previous.current);
    previous.current = new Map(next.map((n) => [n.id, n]));
    return next;
  }, [base, groups, affected, selectedRef, iterationByLoop, loopIterations]);

  const onNodeClick: NodeMouseHandler = useCallback(
    (_, node) => {
      const ref = (node.data as Partial<ExecNodeData>).ref;
      if (ref) onSelect(ref);
    },
    [onSelect],
  );
  const onPaneClick = useCallback(() => onSelect(null), [onSelect]);

  return (
    <ExecGraphCallbacksContext.Provider value={callbacks}>
      <div className="canvas-fill" data-testid="execution-graph">
        <ReactFlow
          nodes={nodes}
          edges={base.edges}
          nodeTypes={NODE_TYPES}
          onNodeClick={onNodeClick}
          onPaneClick={onPaneClick}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable
          fitView
          fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
          minZoom={0.1}
          maxZoom={1.75}
          colorMode={theme}
          proOptions={{ hideAttribution: true }}
          onlyRenderVisibleElements={nodes.length > 200}
        >
          <Background variant={BackgroundVariant.Dots} gap={18} size={1} />
          <Controls showInteractive={false} />
          <MiniMap pannable zoomable nodeColor={minimapColor} />
        </ReactFlow>
      </div>
    </ExecGraphCallbacksContext.Provider>
  );
}
