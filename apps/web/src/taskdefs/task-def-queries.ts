/**
 * Task definition queries and mutations over @baton/client (`/api/metadata/taskdefs`).
 * @module
 */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { isBatonApiError, type BatonClient, type TaskDef } from '@baton/client';
import { useBatonClient } from '../app/providers.js';

/** Query keys of the task definitions. */
export const taskDefKeys = {
  all: ['metadata', 'taskdefs'] as const,
  one: (name: string) => ['metadata', 'taskdefs', name] as const,
};

/** Every registered task definition. */
export const taskDefsQuery = (client: BatonClient) =>
  queryOptions({
    queryKey: taskDefKeys.all,
    queryFn: () => client.metadata.listTaskDefs(),
  });

/** One registered task definition, or null when none has that name (404). */
export const taskDefQuery = (client: BatonClient, name: string) =>
  queryOptions({
    queryKey: taskDefKeys.one(name),
    queryFn: async (): Promise<TaskDef | null> => {
      try {
        return await client.metadata.getTaskDef(name);
      } catch (e) {
        if (isBatonApiError(e) && e.status === 404) return null;
        throw e;
      }
    },
    enabled: name !== '',
    staleTime: 30_000,
    retry: false,
  });

/** Registers a new definition (POST) or updates a registered one (PUT). */
export function useSaveTaskDef() {
  const client = useBatonClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ def, isNew }: { def: TaskDef; isNew: boolean }) => {
      if (isNew) await client.metadata.registerTaskDefs([def]);
      else await client.metadata.updateTaskDef(def);
      return def;
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: taskDefKeys.all }),
  });
}

/** Deletes a definition by name. */
export function useDeleteTaskDef() {
  const client = useBatonClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => client.metadata.deleteTaskDef(name),
    onSuccess: () => void qc.invalidateQueries({ queryKey: taskDefKeys.all }),
  });
}

/**
 * The field a server validation path names, without the request prefix the server adds
 * (`taskDefs[0].retryCount`, `taskDef.retryCount`, `body.retryCount` → `retryCount`; `taskDef` → ``).
 */
export function fieldOfPath(path: string): string {
  return path.replace(/^(taskDefs\[\d+\]|taskDef|body(\[\d+\])?)(\.|$)/, '');
}
