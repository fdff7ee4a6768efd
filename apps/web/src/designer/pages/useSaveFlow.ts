import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { WorkflowDef } from '@baton/engine';
import { useSaveWorkflowDef, type SaveMode } from '../../api/mutations.js';
import { attachRefs, deepestIssues } from '../model/issues.js';
import type { DesignerStore } from '../store/designer-store.js';
import { writeDraft } from '../io/draft-storage.js';

interface ApiErrorLike {
  message?: string;
  code?: string;
  validationErrors?: { path: string; message: string; invalidValue?: unknown }[];
}

/** Save dialog state and the save itself: server problems land on the nodes, success opens the saved URL. */
export function useSaveFlow(store: DesignerStore, draftKey: string) {
  const navigate = useNavigate();
  const save = useSaveWorkflowDef();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = (def: WorkflowDef, mode: SaveMode) => {
    setError(null);
    save.mutate(
      { def, mode },
      {
        onSuccess: (saved) => {
          store.getState().markSaved(saved);
          writeDraft(draftKey, null);
          setOpen(false);
          navigate(`/workflows/${encodeURIComponent(saved.name)}/${saved.version ?? 1}`, {
            replace: draftKey.startsWith('new'),
          });
        },
        onError: (e) => {
          const err = e as ApiErrorLike;
          const reported = err.validationErrors ?? [];
          // A request-schema rejection also lists the ancestors of each bad field: keep the field.
          const issues = err.code === 'REQUEST_INVALID' ? deepestIssues(reported) : reported;
          store.getState().setServerIssues(attachRefs(def, issues, 'server'));
          setError(
            issues.length
              ? `The server rejected the definition: ${issues.map((i) => i.message).join('; ')}`
              : `${err.code ? `${err.code}: ` : ''}${err.message ?? 'Saving failed'}`,
          );
        },
      },
    );
  };
  return {
    open,
    error,
    saving: save.isPending,
    show: () => {
      setError(null);
      setOpen(true);
    },
    close: () => setOpen(false),
    submit,
  };
}
