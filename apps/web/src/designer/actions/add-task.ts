import { TASK_KINDS, createRefMaker, type TaskKind } from '../model/task-catalog.js';
import { allRefs, type Position } from '../model/slots.js';
import { insertionAfter } from '../model/clipboard-tasks.js';
import type { DesignerStore } from '../store/designer-store.js';
import type { DesignerAction } from './types.js';

/** Inserts a fresh task of `kind` at `position` and selects it; returns its ref. */
export function addTask(
  store: DesignerStore,
  kind: TaskKind,
  position: Position,
): string | undefined {
  const { def } = store.getState();
  const tasks = kind.create(createRefMaker(allRefs(def)));
  store.getState().apply({ type: 'insertTasks', position, tasks });
  const ref = tasks[0]?.taskReferenceName;
  store.getState().select(ref ?? null);
  return ref;
}

/** One "Add <type>" command per task kind, inserting after the selection. */
export const ADD_TASK_ACTIONS: DesignerAction[] = TASK_KINDS.map((kind) => ({
  id: `add-${kind.type.toLowerCase()}`,
  label: `Add ${kind.label}`,
  group: 'Add task',
  keywords: `${kind.type} ${kind.description}`,
  run: ({ store }) => {
    const { def, selectedRef } = store.getState();
    addTask(store, kind, insertionAfter(def, selectedRef));
  },
}));
