/**
 * Bundled example definitions (the repository's examples/*.json), imported at build time.
 * @module
 */
import type { TaskDef, WorkflowDef } from '@baton/engine';

const modules = import.meta.glob<{ default: WorkflowDef | TaskDef[] }>(
  '../../../../examples/*.json',
  {
    eager: true,
  },
);

/** One bundled example. */
export interface BundledExample {
  id: string;
  def: WorkflowDef;
}

/** The examples, sorted by id; examples that are not workflow definitions are skipped. */
export const EXAMPLES: readonly BundledExample[] = Object.entries(modules)
  .map(([path, mod]) => ({
    id: path
      .split('/')
      .pop()!
      .replace(/\.json$/, ''),
    def: mod.default as WorkflowDef,
  }))
  .filter((e) => typeof e.def === 'object' && e.def !== null && Array.isArray(e.def.tasks))
  .sort((a, b) => a.id.localeCompare(b.id));

/** Finds an example by id (its file name without .json). */
export function findExample(id: string): BundledExample | undefined {
  return EXAMPLES.find((e) => e.id === id);
}

/** The examples' task definitions (`examples/task-defs.json`). */
export const EXAMPLE_TASK_DEFS: readonly TaskDef[] = Object.entries(modules).flatMap(
  ([path, mod]) =>
    path.endsWith('/task-defs.json') && Array.isArray(mod.default) ? mod.default : [],
);
