/**
 * Mutations over @baton/client; each invalidates the definition queries it affects.
 * @module
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { WorkflowDef } from '@baton/engine';
import { useBatonClient } from '../app/providers.js';
import { queryKeys } from './queries.js';

/** How a save stores the draft. */
export type SaveMode = 'new-version' | 'overwrite';

/** Saves a definition as a new version (POST) or over the existing one (PUT). */
export function useSaveWorkflowDef() {
  const client = useBatonClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ def, mode }: { def: WorkflowDef; mode: SaveMode }) => {
      if (mode === 'overwrite') await client.metadata.updateWorkflowDefs([def]);
      else await client.metadata.registerWorkflowDef(def);
      return def;
    },
    onSuccess: (def) => {
      void qc.invalidateQueries({ queryKey: queryKeys.workflowDefs });
      qc.removeQueries({ queryKey: ['metadata', 'workflow', def.name] });
    },
  });
}

/** Deletes one version of a definition. */
export function useDeleteWorkflowDef() {
  const client = useBatonClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ name, version }: { name: string; version: number }) =>
      client.metadata.deleteWorkflowDef(name, version),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['metadata'] }),
  });
}
