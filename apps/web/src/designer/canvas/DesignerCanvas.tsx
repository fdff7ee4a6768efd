import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import {
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  type EdgeTypes,
  type NodeMouseHandler,
  type NodeTypes,
  type ReactFlowInstance,
  useReactFlow,
  type Viewport,
} from '@xyflow/react';
import { Map as MapIcon } from 'lucide-react';
import {
  defToGraph,
  type DesignerEdge,
  type DesignerNode,
  type NodeMark,
  type TaskNodeData,
} from '../model/def-to-graph.js';
import { issuesByRef } from '../model/issues.js';
import { SIZES, taskNodeId } from '../model/layout.js';
import { initialViewport, panToShow } from '../model/viewport.js';
import { useDesigner } from '../store/DesignerProvider.js';
import { useDesignerIssues } from '../store/useDesignerIssues.js';
import { selectDef, selectSelectedRef } from '../store/selectors.js';
import { useDesignerStoreApi } from '../store/DesignerProvider.js';
import type { DesignerStore } from '../store/designer-store.js';
import { useTheme } from '../../ui/theme.js';
import { miniMapRect, useMiniMapOpen } from '../../ui/useMiniMapOpen.js';
import { DesignTaskNode } from '../../graph/nodes/TaskNode.js';
import { DesignLoopNode } from '../../graph/nodes/LoopNode.js';
import { TerminalNode } from '../../graph/nodes/TerminalNode.js';
import { MergeNode } from '../../graph/nodes/MergeNode.js';
import { GraphCallbacksContext, graphCallbacks } from '../../graph/callbacks.js';
import { groupsAround, openingCollapsed } from '../../graph/collapse.js';
import { useCollapsedGroups } from '../../graph/useCollapsedGroups.js';
import { PlaceholderNode } from './nodes/PlaceholderNode.js';
import { InsertEdge } from './edges/InsertEdge.js';
import { taskVisual } from '../../graph/task-visuals.js';
import { CanvasCallbacksContext, type CanvasCallbacks } from './canvas-callbacks.js';
import { arrowDirection, focusNodeSoon, nextNode } from '../../ui/graph-nav.js';

const NODE_TYPES: NodeTypes = {
  task: DesignTaskNode,
  loop: DesignLoopNode,
  start: TerminalNode,
  end: TerminalNode,
  merge: MergeNode,
  placeholder: PlaceholderNode,
};
const EDGE_TYPES: EdgeTypes = { insert: InsertEdge };

const FAMILY_COLORS: Record<string, string> = {
  worker: '#2e90fa',
  system: '#0e9384',
  flow: '#7a5af8',
  workflow: '#dd2590',
  stop: '#d92d20',
};

function minimapColor(node: DesignerNode): string {
  if (node.type === 'loop') return 'rgba(122, 90, 248, 0.15)';
  const type = (node.data as Partial<TaskNodeData>).taskType;
  return type ? (FAMILY_COLORS[taskVisual(type).family] ?? '#98a2b3') : '#98a2b3';
}

/** The last graph derived per designer, so unchanged node objects are reused across edits. */
const GRAPH_CACHE = new WeakMap<DesignerStore, { nodes: DesignerNode[]; edges: DesignerEdge[] }>();
const NO_TASKS: never[] = [];

/** Props of the canvas. */
export interface DesignerCanvasProps {
  callbacks: CanvasCallbacks;
  onInit?: (flow: ReactFlowInstance<DesignerNode, DesignerEdge>) => void;
  /** Marks laid over task nodes by reference (a run's statuses, a version diff). */
  marks?: ReadonlyMap<string, NodeMark>;
  /**
   * `remembered` (default): the minimap is shown or folded as the user last chose on any canvas.
   * `on-request`: folded until its button is pressed, and not remembered (the small compare
   * canvases, where it would cover part of the graph).
   */
  miniMap?: 'remembered' | 'on-request';
  /** Test results drawn over the tasks: the status each task reached, the branches no test reaches. */
  overlay?: {
    statusByRef: ReadonlyMap<string, string> | null;
    gapsByRef: ReadonlyMap<string, string[]> | null;
  };
  /** The canvas element's id (the target of the page's "Skip to canvas" link). */
  id?: string;
}

/** Extent of a derived graph (the layout's origin is 0,0). */
function graphSize(nodes: readonly DesignerNode[]) {
  let width = 0;
  let height = 0;
  for (const n of nodes) {
    width = Math.max(width, n.position.x + (n.width ?? 0));
    height = Math.max(height, n.position.y + (n.height ?? 0));
  }
  return { width, height };
}

/** The React Flow canvas: nodes and edges derived from the definition, selection from the store. */
export const DesignerCanvas = memo(function DesignerCanvas({
  callbacks,
  onInit,
  marks,
  overlay,
  miniMap = 'remembered',
  id,
}: DesignerCanvasProps) {
  const store = useDesignerStoreApi();
  const def = useDesigner(selectDef);
  const selectedRef = useDesigner(selectSelectedRef);
  const issues = useDesignerIssues();
  const { theme } = useTheme();
  const wrapRef = useRef<HTMLDivElement>(null);
  const byRef = useMemo(() => issuesByRef(issues), [issues]);
  // Forks, switches and loops the user collapsed (a large workflow opens with them collapsed).
  const groups = useCollapsedGroups(`designer:${def.name}`, () =>
    openingCollapsed(def.tasks ?? NO_TASKS),
  );
  const { collapsed, set: setCollapsed } = groups;
  // A selection inside a collapsed group (Find, the problems list) opens the groups around it.
  useEffect(() => {
    if (!selectedRef) return;
    const around = groupsAround(def.tasks ?? NO_TASKS, selectedRef) ?? [];
    if (around.some((r) => collapsed.has(r)))
      setCollapsed([...collapsed].filter((r) => !around.includes(r)));
  }, [selectedRef, def, collapsed, setCollapsed]);
  const graphCbs = useMemo(() => graphCallbacks({ toggleGroup: groups.toggle }), [groups.toggle]);
  const graph = useMemo(() => {
    const next = defToGraph(def, {
      selectedRef,
      issuesByRef: byRef,
      previous: GRAPH_CACHE.get(store),
      presized: true,
      collapsed,
    });
    GRAPH_CACHE.set(store, next);
    return next;
  }, [def, selectedRef, byRef, store, collapsed]);

  // The opening view needs the canvas size: measure it before React Flow mounts, so the first
  // nodes drawn are the ones in view (setting the viewport after mounting draws the flow twice).
  const [startViewport, setStartViewport] = useState<Viewport | null>(null);
  useLayoutEffect(() => {
    const rect = wrapRef.current?.getBoundingClientRect();
    setStartViewport(
      initialViewport(
        graphSize(GRAPH_CACHE.get(store)?.nodes ?? []), // this render's graph
        rect?.width ?? 0,
        rect?.height ?? 0,
      ),
    );
  }, [store]);

  // The minimap draws every node: mount it after the canvas is interactive so it never delays opening.
  const [showMiniMap, setShowMiniMap] = useState(false);
  const [rememberedOpen, toggleRemembered] = useMiniMapOpen();
  const [askedOpen, setAskedOpen] = useState(false);
  const onRequest = miniMap === 'on-request';
  const miniMapOpen = onRequest ? askedOpen : rememberedOpen;
  const toggleMiniMap = useMemo(
    () => (onRequest ? () => setAskedOpen((was) => !was) : toggleRemembered),
    [onRequest, toggleRemembered],
  );
  const flow = useReactFlow<DesignerNode, DesignerEdge>();
  useEffect(() => {
    const node = selectedRef ? flow.getNode(taskNodeId(selectedRef)) : undefined;
    const rect = node ? wrapRef.current?.getBoundingClientRect() : undefined;
    if (!rect || !node) return;
    const box = {
      x: node.position.x,
      y: node.position.y,
      width: node.width ?? 0,
      height: Math.min(node.height ?? 0, SIZES.taskH),
    };
    const avoid = miniMapRect(wrapRef.current);
    const next = panToShow(flow.getViewport(), box, rect.width, rect.height, avoid);
    if (next) void flow.setViewport(next, { duration: 150 });
    // Again when the minimap appears (it mounts after the canvas), so it never covers the selection.
  }, [selectedRef, flow, graph, showMiniMap, miniMapOpen]);

  const onNodeClick: NodeMouseHandler<DesignerNode> = useCallback(
    (_, node) => {
      const ref = (node.data as Partial<TaskNodeData>).ref;
      if (ref) store.getState().select(ref, true);
    },
    [store],
  );
  useEffect(() => {
    const id = window.setTimeout(() => setShowMiniMap(true), 400);
    return () => window.clearTimeout(id);
  }, []);
  const onPaneClick = useCallback(() => store.getState().select(null), [store]);

  // Keyboard: the graph is one tab stop (the selected node, else the first); arrows move along the
  // flow, Enter opens the node, Tab goes on to the node's "+".
  const [activeId, setActiveId] = useState<string | null>(null);
  const isStop = useCallback((id: string) => id.startsWith('t:') || id.startsWith('ph:'), []);
  const focusId = useMemo(() => {
    const ids = graph.nodes.filter((n) => isStop(n.id)).map((n) => n.id);
    const selected = selectedRef ? taskNodeId(selectedRef) : null;
    if (selected && ids.includes(selected)) return selected;
    if (activeId && ids.includes(activeId)) return activeId;
    return ids[0] ?? null;
  }, [graph, selectedRef, activeId, isStop]);
  const statusByRef = overlay?.statusByRef ?? null;
  const gaps = overlay?.gapsByRef ?? null;
  const nodes = useMemo(
    () =>
      graph.nodes.map((n) => {
        const ref = (n.data as Partial<TaskNodeData>).ref;
        const mark = marks?.get(ref ?? '');
        const runStatus = ref ? statusByRef?.get(ref) : undefined;
        const uncovered = ref ? gaps?.get(ref) : undefined;
        const marked =
          mark || runStatus || uncovered || statusByRef
            ? {
                ...n,
                data: {
                  ...n.data,
                  ...(mark ? { mark } : {}),
                  ...(runStatus || uncovered || statusByRef
                    ? {
                        runStatus: runStatus ?? (statusByRef ? 'NOT_SCHEDULED' : undefined),
                        uncovered,
                      }
                    : {}),
                },
              }
            : n;
        return n.id === focusId ? { ...marked, focusable: true } : marked;
      }),
    [graph, focusId, marks, statusByRef, gaps],
  );
  const moveTo = useCallback(
    (id: string) => {
      setActiveId(id);
      const node = graph.nodes.find((n) => n.id === id);
      const ref = (node?.data as Partial<TaskNodeData> | undefined)?.ref;
      if (ref) store.getState().select(ref);
      focusNodeSoon(wrapRef.current, id);
    },
    [graph, store],
  );
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
        const next = onCanvas ? id : nextNode(graph.nodes, graph.edges, isStop, id, dir);
        if (next) moveTo(next);
      } else if (e.key === 'Enter') {
        e.preventDefault();
        const node = graph.nodes.find((n) => n.id === id);
        const ref = (node?.data as Partial<TaskNodeData> | undefined)?.ref;
        if (ref) callbacks.onOpenTask?.(ref);
        else
          wrapRef.current
            ?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"] button`)
            ?.click();
      } else if ((e.key === 'c' || e.key === 'C') && !e.ctrlKey && !e.metaKey && !e.altKey) {
        const node = graph.nodes.find((n) => n.id === id);
        const data = node?.data as Partial<TaskNodeData> | undefined;
        if (data?.ref && data.group) {
          e.preventDefault();
          e.stopPropagation();
          groups.toggle(data.ref);
          focusNodeSoon(wrapRef.current, id);
        }
      } else if (e.key === 'Tab' && !e.shiftKey && nodeEl) {
        const plus = wrapRef.current?.querySelector<HTMLElement>(
          `button.edge-plus[data-source="${CSS.escape(id)}"]`,
        );
        if (plus) {
          e.preventDefault();
          plus.focus();
        }
      }
    },
    [graph, focusId, isStop, moveTo, callbacks, groups],
  );

  return (
    <CanvasCallbacksContext.Provider value={callbacks}>
      <GraphCallbacksContext.Provider value={graphCbs}>
        {/* Focusable (not a tab stop) so a click on the pane gives the canvas its shortcuts. */}
        <div
          ref={wrapRef}
          id={id}
          className="canvas-fill"
          tabIndex={-1}
          data-testid="canvas"
          onKeyDown={onKeyDown}
        >
          {startViewport ? (
            <ReactFlow<DesignerNode, DesignerEdge>
              nodes={nodes}
              edges={graph.edges}
              nodeTypes={NODE_TYPES}
              edgeTypes={EDGE_TYPES}
              onNodeClick={onNodeClick}
              onPaneClick={onPaneClick}
              onInit={onInit}
              defaultViewport={startViewport}
              colorMode={theme}
              minZoom={0.05}
              maxZoom={2}
              nodesDraggable={false}
              nodesConnectable={false}
              nodesFocusable={false}
              edgesFocusable={false}
              disableKeyboardA11y
              elementsSelectable
              elevateNodesOnSelect={false}
              elevateEdgesOnSelect={false}
              deleteKeyCode={null}
              selectionKeyCode={null}
              multiSelectionKeyCode={null}
              onlyRenderVisibleElements={graph.nodes.length > 200}
              aria-label="Workflow canvas"
            >
              <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} />
              <Controls showInteractive={false} aria-label="Zoom controls">
                <ControlButton
                  onClick={toggleMiniMap}
                  title={miniMapOpen ? 'Hide minimap' : 'Show minimap'}
                  aria-label={miniMapOpen ? 'Hide minimap' : 'Show minimap'}
                  aria-pressed={miniMapOpen}
                >
                  <MapIcon size={12} aria-hidden />
                </ControlButton>
              </Controls>
              {showMiniMap && miniMapOpen ? (
                <MiniMap
                  pannable
                  zoomable
                  ariaLabel="Minimap"
                  nodeColor={minimapColor}
                  nodeStrokeWidth={2}
                />
              ) : null}
            </ReactFlow>
          ) : null}
        </div>
      </GraphCallbacksContext.Provider>
    </CanvasCallbacksContext.Provider>
  );
});
