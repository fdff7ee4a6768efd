import { memo, useState } from 'react';
import {
  BaseEdge,
  EdgeLabelRenderer,
  getSmoothStepPath,
  type Edge,
  type EdgeProps,
} from '@xyflow/react';
import { Plus } from 'lucide-react';
import type { InsertEdgeData } from '../../model/def-to-graph.js';
import { TASK_DRAG_MIME, useCanvasCallbacks } from '../canvas-callbacks.js';

const PLUS_OFFSET = 18;

/** A connector with a "+" button (also a drop zone) that inserts a task at its position. */
function InsertEdgeView(props: EdgeProps<Edge<InsertEdgeData>>) {
  const {
    id,
    source,
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    data,
    markerEnd,
  } = props;
  const { onInsertAt, onDropType } = useCanvasCallbacks();
  const [over, setOver] = useState(false);
  const [path] = getSmoothStepPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    borderRadius: 10,
  });
  const position = data?.position;
  const atTarget = data?.anchor === 'target';
  const x = atTarget ? targetX : sourceX;
  const y = atTarget ? targetY - PLUS_OFFSET : sourceY + PLUS_OFFSET;
  const drop = {
    onDragOver: (e: React.DragEvent) => {
      if (!position || !e.dataTransfer.types.includes(TASK_DRAG_MIME)) return;
      e.preventDefault();
      setOver(true);
    },
    onDragLeave: () => setOver(false),
    onDrop: (e: React.DragEvent) => {
      setOver(false);
      const type = e.dataTransfer.getData(TASK_DRAG_MIME);
      if (position && type) {
        e.preventDefault();
        e.stopPropagation();
        onDropType(type, position);
      }
    },
  };
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={over ? 'is-drop-target' : undefined}
      />
      {position ? <path d={path} className="insert-edge-hit" {...drop} /> : null}
      <EdgeLabelRenderer>
        <div
          className="edge-label-group nopan"
          style={{ transform: `translate(-50%, -50%) translate(${x}px, ${y}px)` }}
        >
          {data?.label !== undefined ? <span className="edge-case-label">{data.label}</span> : null}
          {position ? (
            <button
              type="button"
              className={`edge-plus nodrag nopan${over ? ' is-drop-target' : ''}`}
              aria-label="Insert a task here"
              data-edge-id={id}
              data-source={source}
              // Not a tab stop of its own: Tab from its node reaches it (see DesignerCanvas).
              tabIndex={-1}
              onKeyDown={(e) => {
                if (e.key !== 'Tab') return;
                const root = e.currentTarget.closest('.react-flow');
                const next = e.shiftKey
                  ? root?.querySelector<HTMLElement>(
                      `.react-flow__node[data-id="${CSS.escape(source)}"]`,
                    )
                  : root?.querySelector<HTMLElement>('.react-flow__controls button');
                if (next) {
                  e.preventDefault();
                  next.focus();
                }
              }}
              onClick={(e) => onInsertAt(position, e.currentTarget)}
              {...drop}
            >
              <Plus size={12} aria-hidden />
            </button>
          ) : null}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

/** Memoised insertion edge. */
export const InsertEdge = memo(InsertEdgeView);
