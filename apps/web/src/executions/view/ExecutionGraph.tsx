import { useCallback, useMemo } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  type NodeMouseHandler,
  type NodeTypes,
} from '@xyflow/react';
import type { Task } from '@baton/client';
import { TerminalNode } from '../../designer/canvas/nodes/TerminalNode.js';
import { MergeNode } from '../../designer/canvas/nodes/MergeNode.js';
import { useTheme } from '../../ui/theme.js';
import {
  decorateNodes,
  type BaseGraph,
  type ExecNode,
  type ExecNodeData,
} from '../model/execution-graph.js';
import { iterationsOf, type NodeAttempts } from '../model/iterations.js';
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

/** The last decorated nodes per laid-out graph, so unchanged nodes keep their object identity. */
const PREVIOUS_NODES = new WeakMap<BaseGraph, Map<string, ExecNode>>();

/** Props of the execution graph. */
export interface ExecutionGraphProps {
  /** The laid-out definition (recomputed only when its shape changes). */
  base: BaseGraph;
  /** The rows per node to paint (live, or as of the scrubber's moment). */
  groups: ReadonlyMap<string, NodeAttempts>;
  /** The rows shown, for the loop iteration steppers. */
  tasks: readonly Task[];
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
export function ExecutionGraph({
  base,
  groups,
  tasks,
  selectedRef,
  affected,
  iterationByLoop,
  onSelect,
  callbacks,
}: ExecutionGraphProps) {
  const { theme } = useTheme();
  const loopIterations = useMemo(
    () => new Map([...base.loops].map(([ref, l]) => [ref, iterationsOf(tasks, l.task)] as const)),
    [tasks, base],
  );
  const nodes = useMemo(() => {
    const next = decorateNodes(
      base,
      { groups, affected, selectedRef, iterationByLoop, loopIterations },
      PREVIOUS_NODES.get(base),
    );
    PREVIOUS_NODES.set(base, new Map(next.map((n) => [n.id, n])));
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
