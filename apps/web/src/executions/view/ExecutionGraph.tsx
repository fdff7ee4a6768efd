import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStoreApi,
  type NodeMouseHandler,
  type NodeTypes,
} from '@xyflow/react';
import { LocateFixed, Map as MapIcon } from 'lucide-react';
import type { Task } from '@baton/client';
import { TerminalNode } from '../../graph/nodes/TerminalNode.js';
import { MergeNode } from '../../graph/nodes/MergeNode.js';
import { useTheme } from '../../ui/theme.js';
import { useMiniMapOpen } from '../../ui/useMiniMapOpen.js';
import { useSkipTarget } from '../../ui/SkipLink.js';
import {
  decorateNodes,
  type BaseGraph,
  type ExecNode,
  type ExecNodeData,
} from '../model/execution-graph.js';
import { failedIterationsOf, iterationsOf, type NodeAttempts } from '../model/iterations.js';
import { isActiveStatus, statusTone, type NodeStatus } from '../model/status-style.js';
import {
  boundsOf,
  followViewport,
  miniMapShowsNodes,
  openingViewport,
  opensWhole,
} from '../model/viewport.js';
import { ExecTaskNode } from '../../graph/nodes/TaskNode.js';
import { ExecLoopNode } from '../../graph/nodes/LoopNode.js';
import { EmptyBranchNode } from '../../graph/nodes/EmptyBranchNode.js';
import { GraphCallbacksContext, type GraphCallbacks } from '../../graph/callbacks.js';
import { arrowDirection, focusNodeSoon, nextNode } from '../../ui/graph-nav.js';

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
  callbacks: GraphCallbacks;
  /** A task to bring into view and focus (Find, the failure banner); a new nonce each time. */
  reveal?: { ref: string; nonce: number } | null;
}

/** The first node (in layout order, top to bottom) whose task is scheduled or running. */
function firstActive(nodes: readonly ExecNode[]): ExecNode | undefined {
  return nodes.find((n) => {
    const status = (n.data as Partial<ExecNodeData>).status;
    return n.type === 'task' && status !== undefined && isActiveStatus(status);
  });
}

/** The graph element's id: where the page's "Skip to canvas" link goes. */
const CANVAS_ID = 'execution-canvas';

const FAILED: ReadonlySet<NodeStatus> = new Set<NodeStatus>([
  'FAILED',
  'FAILED_WITH_TERMINAL_ERROR',
  'TIMED_OUT',
]);

/** The first node (in layout order) whose task failed, or a collapsed group / fork holding one. */
function firstFailed(nodes: readonly ExecNode[]): ExecNode | undefined {
  return nodes.find((n) => {
    const d = n.data as Partial<ExecNodeData>;
    if (d.status !== undefined && FAILED.has(d.status) && n.type === 'task') return true;
    const counts = d.group?.collapsed ? d.group.counts : d.branches?.counts;
    return [...FAILED].some((s) => (counts?.[s] ?? 0) > 0);
  });
}

const boxOf = (n: ExecNode) => ({
  x: n.position.x,
  y: n.position.y,
  width: n.width ?? 0,
  height: n.height ?? 0,
});

/**
 * The execution on the designer's layout. The layout is computed once per definition shape; status
 * changes only swap the data of the nodes they touch (no relayout, no viewport jump).
 *
 * It opens on the whole flow when that fits, otherwise readable on the first running task, and
 * then follows the running task off screen until the user pans or zooms ("Follow running tasks"
 * turns following on again, also for a flow shown whole), so a long execution's progress stays
 * in view.
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
  reveal,
}: ExecutionGraphProps) {
  const { theme } = useTheme();
  const loopIterations = useMemo(
    () => new Map([...base.loops].map(([ref, l]) => [ref, iterationsOf(tasks, l.task)] as const)),
    [tasks, base],
  );
  const loopFailedIterations = useMemo(
    () =>
      new Map([...base.loops].map(([ref, l]) => [ref, failedIterationsOf(tasks, l.task)] as const)),
    [tasks, base],
  );
  const nodes = useMemo(() => {
    const next = decorateNodes(
      base,
      { groups, affected, selectedRef, iterationByLoop, loopIterations, loopFailedIterations },
      PREVIOUS_NODES.get(base),
    );
    PREVIOUS_NODES.set(base, new Map(next.map((n) => [n.id, n])));
    return next;
  }, [base, groups, affected, selectedRef, iterationByLoop, loopIterations, loopFailedIterations]);

  const onNodeClick: NodeMouseHandler = useCallback(
    (_, node) => {
      const ref = (node.data as Partial<ExecNodeData>).ref;
      if (ref) onSelect(ref);
    },
    [onSelect],
  );
  const onPaneClick = useCallback(() => onSelect(null), [onSelect]);

  // Keyboard: one tab stop (the selected task's node, else the first); arrows move along the flow
  // and Enter opens the task's details.
  const wrapRef = useRef<HTMLDivElement>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const refOf = useCallback(
    (id: string) =>
      (base.nodes.find((n) => n.id === id)?.data as Partial<ExecNodeData> | undefined)?.ref,
    [base],
  );
  const isStop = useCallback(
    (id: string) => {
      const type = base.nodes.find((n) => n.id === id)?.type;
      return type === 'task' || type === 'loop';
    },
    [base],
  );
  const focusId = useMemo(() => {
    const stops = base.nodes.filter((n) => n.type === 'task' || n.type === 'loop');
    const selected = selectedRef
      ? stops.find((n) => (n.data as Partial<ExecNodeData>).ref === selectedRef)
      : undefined;
    if (selected) return selected.id;
    if (activeId && stops.some((n) => n.id === activeId)) return activeId;
    return stops[0]?.id ?? null;
  }, [base, selectedRef, activeId]);
  const shownNodes = useMemo(
    () => nodes.map((n) => (n.id === focusId ? { ...n, focusable: true } : n)),
    [nodes, focusId],
  );
  // The canvas itself is the "Skip to canvas" link's target: there, an arrow goes to the tab stop.
  useSkipTarget(CANVAS_ID);
  const onKeyDown = useCallback(
    (e: React.KeyboardEvent<HTMLDivElement>) => {
      const target = e.target as HTMLElement;
      const nodeEl = target.closest<HTMLElement>('.react-flow__node');
      const onCanvas = target === e.currentTarget;
      const id = nodeEl?.getAttribute('data-id') ?? (onCanvas ? focusId : null);
      if (!id || (nodeEl && target !== nodeEl)) return;
      const dir = arrowDirection(e);
      if (dir) {
        e.preventDefault();
        const next = onCanvas ? id : nextNode(base.nodes, base.edges, isStop, id, dir);
        if (!next) return;
        setActiveId(next);
        focusNodeSoon(wrapRef.current, next);
      } else if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        const ref = refOf(id);
        if (ref) onSelect(ref);
      } else if ((e.key === 'c' || e.key === 'C') && !e.ctrlKey && !e.metaKey && !e.altKey) {
        const data = base.nodes.find((n) => n.id === id)?.data as
          { ref?: string; group?: unknown } | undefined;
        if (data?.ref && data.group) {
          e.preventDefault();
          callbacks.toggleGroup(data.ref);
          setActiveId(id);
          focusNodeSoon(wrapRef.current, id);
        }
      }
    },
    [base, focusId, isStop, refOf, onSelect, callbacks],
  );

  const flow = useReactFlow();
  const store = useStoreApi();
  const [follow, setFollow] = useState(false);
  // The page expands the groups around a revealed task, which lays the graph out again: reveal
  // once the node is there.
  const revealed = useRef<number | null>(null);
  useEffect(() => {
    if (!reveal || revealed.current === reveal.nonce) return;
    const node = base.nodes.find((n) => (n.data as Partial<ExecNodeData>).ref === reveal.ref);
    if (!node) return;
    revealed.current = reveal.nonce;
    void flow.setCenter(
      node.position.x + (node.width ?? 0) / 2,
      node.position.y + Math.min(node.height ?? 0, 80) / 2,
      { zoom: Math.max(flow.getZoom(), 0.8) },
    );
    // The revealed task is selected, so its node is the graph's tab stop: focus it.
    focusNodeSoon(wrapRef.current, node.id);
    // Only for a new request (or its node appearing).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reveal?.nonce, base]);
  // React Flow calls this once, when the viewport can be set. A graph shown whole stays put;
  // otherwise the view follows the running task.
  const onInit = useCallback(() => {
    const { width, height } = store.getState();
    const bounds = boundsOf(base.nodes);
    // Opened on a task (`?task=`): that task, else the failure, else the running one.
    const chosen = selectedRef
      ? base.nodes.find((n) => (n.data as Partial<ExecNodeData>).ref === selectedRef)
      : undefined;
    const decorated = [...(PREVIOUS_NODES.get(base)?.values() ?? [])];
    const failure = chosen ? undefined : firstFailed(decorated);
    const focus = chosen ?? failure ?? firstActive(decorated);
    void flow.setViewport(openingViewport(bounds, focus ? boxOf(focus) : null, width, height));
    setFollow(!chosen && !failure && !opensWhole(bounds, width, height));
    // Once, when React Flow is ready: a later selection does not move the opening view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [base, flow, store]);
  const active = follow ? firstActive(nodes) : undefined;
  useEffect(() => {
    const { width, height, transform } = store.getState();
    if (!active || !flow.viewportInitialized || width === 0) return;
    const [x, y, zoom] = transform;
    // A jump, not an animation: an animated pan repaints the whole canvas for every frame.
    const next = followViewport({ x, y, zoom }, boxOf(active), width, height);
    if (next) void flow.setViewport(next);
    // Only when the running node changes (its object changes with every status of its own).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active?.id, flow, store]);
  // The minimap draws every node: mount it once the opened canvas has painted and the main thread
  // is idle, so it never delays opening; skip it where its nodes would be under a pixel.
  const miniMap = useMemo(() => miniMapShowsNodes(boundsOf(base.nodes)), [base]);
  const [showMiniMap, setShowMiniMap] = useState(false);
  const [miniMapOpen, toggleMiniMap] = useMiniMapOpen();
  useEffect(() => {
    if (typeof requestIdleCallback !== 'function') {
      const id = setTimeout(() => setShowMiniMap(true), 400);
      return () => clearTimeout(id);
    }
    const id = requestIdleCallback(() => setShowMiniMap(true), { timeout: 2_000 });
    return () => cancelIdleCallback(id);
  }, []);
  // The user looking elsewhere ends following: a pan or zoom by pointer, wheel or keyboard (an
  // event, not a programmatic move), the zoom buttons, or the minimap.
  const stopFollowing = useCallback(() => setFollow(false), []);
  const onMoveStart = useCallback((event: unknown) => {
    if (event) setFollow(false);
  }, []);
  const onMiniMapInput = useCallback((e: { target: EventTarget }) => {
    if (e.target instanceof Element && e.target.closest('.react-flow__minimap')) setFollow(false);
  }, []);

  return (
    <GraphCallbacksContext.Provider value={callbacks}>
      {/* Focusable (not a tab stop): the target of the page's "Skip to canvas" link. */}
      <div
        ref={wrapRef}
        id={CANVAS_ID}
        className="canvas-fill"
        tabIndex={-1}
        data-testid="execution-graph"
        onKeyDown={onKeyDown}
        onPointerDownCapture={onMiniMapInput}
        onWheelCapture={onMiniMapInput}
      >
        <ReactFlow
          nodes={shownNodes}
          edges={base.edges}
          nodeTypes={NODE_TYPES}
          onNodeClick={onNodeClick}
          onPaneClick={onPaneClick}
          nodesDraggable={false}
          nodesConnectable={false}
          nodesFocusable={false}
          edgesFocusable={false}
          disableKeyboardA11y
          elementsSelectable
          onInit={onInit}
          onMoveStart={onMoveStart}
          minZoom={0.1}
          maxZoom={1.75}
          colorMode={theme}
          proOptions={{ hideAttribution: true }}
          onlyRenderVisibleElements={nodes.length > 200}
        >
          <Background variant={BackgroundVariant.Dots} gap={18} size={1} />
          <Controls
            showInteractive={false}
            fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
            onZoomIn={stopFollowing}
            onZoomOut={stopFollowing}
            onFitView={stopFollowing}
          >
            <ControlButton
              onClick={() => setFollow(true)}
              title="Follow running tasks"
              aria-label="Follow running tasks"
              aria-pressed={follow}
              className={follow ? 'is-following' : undefined}
            >
              <LocateFixed size={12} aria-hidden />
            </ControlButton>
            <ControlButton
              onClick={toggleMiniMap}
              title={miniMapOpen ? 'Hide minimap' : 'Show minimap'}
              aria-label={miniMapOpen ? 'Hide minimap' : 'Show minimap'}
              aria-pressed={miniMapOpen}
            >
              <MapIcon size={12} aria-hidden />
            </ControlButton>
          </Controls>
          {miniMap && showMiniMap && miniMapOpen ? (
            <MiniMap pannable zoomable nodeColor={minimapColor} />
          ) : null}
        </ReactFlow>
      </div>
    </GraphCallbacksContext.Provider>
  );
}
