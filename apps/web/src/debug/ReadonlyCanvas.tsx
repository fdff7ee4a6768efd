/**
 * A definition drawn with the designer's canvas, read-only, with marks on its nodes. Selecting a
 * node calls `onSelect` with its reference.
 * @module
 */
import { useEffect, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import type { WorkflowDef } from '@baton/engine';
import { createDesignerStore } from '../designer/store/designer-store.js';
import { DesignerProvider } from '../designer/store/DesignerProvider.js';
import { DesignerCanvas } from '../designer/canvas/DesignerCanvas.js';
import type { CanvasCallbacks } from '../designer/canvas/canvas-callbacks.js';
import type { NodeMark } from '../designer/model/def-to-graph.js';

const NO_EDITS: CanvasCallbacks = { onInsertAt: () => {}, onDropType: () => {} };

/** Props of the read-only canvas. */
export interface ReadonlyCanvasProps {
  def: WorkflowDef;
  marks: ReadonlyMap<string, NodeMark>;
  selectedRef: string | null;
  onSelect: (ref: string | null) => void;
  label: string;
}

/** The canvas (its own store per definition; no "+" buttons). */
export function ReadonlyCanvas({ def, marks, selectedRef, onSelect, label }: ReadonlyCanvasProps) {
  const [store] = useState(() => createDesignerStore(def, def));
  useEffect(() => {
    if (store.getState().selectedRef !== selectedRef) store.getState().select(selectedRef, true);
  }, [store, selectedRef]);
  useEffect(
    () =>
      store.subscribe((s, prev) => {
        if (s.selectedRef !== prev.selectedRef) onSelect(s.selectedRef);
      }),
    [store, onSelect],
  );
  return (
    <section className="readonly-canvas" aria-label={label}>
      <DesignerProvider store={store}>
        <ReactFlowProvider>
          {/* No minimap until asked: on these small canvases it would cover part of the graph. */}
          <DesignerCanvas callbacks={NO_EDITS} marks={marks} miniMap="on-request" />
        </ReactFlowProvider>
      </DesignerProvider>
    </section>
  );
}
