import { useEffect, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import type { WorkflowDef } from '@baton/engine';
import { createDesignerStore } from '../store/designer-store.js';
import { DesignerProvider } from '../store/DesignerProvider.js';
import { selectIsDirty } from '../store/selectors.js';
import { writeDraft } from '../io/draft-storage.js';
import { DesignerWorkspace, type RunOverlay } from './DesignerWorkspace.js';

/** Props of a designer session. */
export interface DesignerSessionProps {
  draftKey: string;
  initial: WorkflowDef;
  baseline: WorkflowDef | null;
  /** Shown once when the designer opens (a restored draft, an import). */
  notice: string | null;
  /** A run laid over the canvas (debugging a failed execution). */
  run?: RunOverlay;
  /** Selected when the session opens. */
  selectedRef?: string | null;
}

/** One open definition: its own store, with the draft mirrored to sessionStorage for reloads. */
export function DesignerSession({
  draftKey,
  initial,
  baseline,
  notice,
  run,
  selectedRef,
}: DesignerSessionProps) {
  const [store] = useState(() => {
    const s = createDesignerStore(baseline ?? initial, baseline);
    if (initial !== (baseline ?? initial))
      s.getState().apply({ type: 'replaceDef', def: initial }, 'load');
    if (selectedRef) s.getState().select(selectedRef);
    return s;
  });
  useEffect(() => {
    let timer: number | undefined;
    const unsubscribe = store.subscribe((state) => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        const dirty = selectIsDirty(state);
        writeDraft(
          draftKey,
          dirty ? { def: state.def, baseVersion: state.baseline?.version ?? null } : null,
        );
      }, 200);
    });
    return () => {
      window.clearTimeout(timer);
      unsubscribe();
    };
  }, [store, draftKey]);
  return (
    <DesignerProvider store={store}>
      <ReactFlowProvider>
        <DesignerWorkspace draftKey={draftKey} notice={notice} run={run} />
      </ReactFlowProvider>
    </DesignerProvider>
  );
}
