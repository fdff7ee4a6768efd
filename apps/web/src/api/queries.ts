/**
 * queryOptions factories over @baton/client: server state lives in TanStack Query only.
 * @module
 */
import { queryOptions } from '@tanstack/react-query';
import type { BatonClient } from '@baton/client';
import type { WorkflowDef } from '@baton/engine';

/** Query keys, one place. */
export const queryKeys = {
  workflowDefs: ['metadata', 'workflow'] as const,
  workflowDef: (name: string, version?: number) =>
    ['metadata', 'workflow', name, version ?? 'latest'] as const,
};

/** Every stored version of every workflow definition. */
export const workflowDefsQuery = (client: BatonClient) =>
  queryOptions({
    queryKey: queryKeys.workflowDefs,
    queryFn: async (): Promise<WorkflowDef[]> =>
      (await client.metadata.listWorkflowDefs()) as WorkflowDef[],
  });

/** One definition; without a version, the latest. */
export const workflowDefQuery = (client: BatonClient, name: string, version?: number) =>
  queryOptions({
    queryKey: queryKeys.workflowDef(name, version),
    queryFn: async (): Promise<WorkflowDef> =>
      (await client.metadata.getWorkflowDef(name, version)) as WorkflowDef,
    staleTime: Infinity,
    retry: false,
  });

/** Groups all definitions by name, versions descending. */
export function groupVersions(defs: readonly WorkflowDef[]): Map<string, WorkflowDef[]> {
  const map = new Map<string, WorkflowDef[]>();
  for (const d of defs) map.set(d.name, [...(map.get(d.name) ?? []), d]);
  for (const list of map.values()) list.sort((a, b) => (b.version ?? 1) - (a.version ?? 1));
  return map;
}
