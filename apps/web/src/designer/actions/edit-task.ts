import { findTask } from '../model/slots.js';
import { insertionAfter, tasksToCopy, withFreshRefs } from '../model/clipboard-tasks.js';
import { key, type ActionContext, type DesignerAction } from './types.js';

const selected = ({ store }: ActionContext) => {
  const { def, selectedRef } = store.getState();
  return selectedRef ? findTask(def, selectedRef) : undefined;
};
const hasSelection = (ctx: ActionContext) => selected(ctx) !== undefined;

/** Delete, move, duplicate and insert around the selected task. */
export const EDIT_TASK_ACTIONS: DesignerAction[] = [
  {
    id: 'delete-selection',
    label: 'Delete task',
    group: 'Edit',
    shortcut: 'Delete',
    keywords: 'remove',
    matches: (e) => key('Delete')(e) || key('Backspace')(e),
    isEnabled: hasSelection,
    run: (ctx) => {
      const loc = selected(ctx);
      if (!loc) return;
      ctx.store.getState().apply({ type: 'removeTask', ref: loc.task.taskReferenceName });
      ctx.store.getState().select(null);
    },
  },
  {
    id: 'move-up',
    label: 'Move task up',
    group: 'Edit',
    shortcut: 'Alt+ArrowUp',
    matches: key('ArrowUp', { alt: true }),
    isEnabled: hasSelection,
    run: (ctx) => {
      const loc = selected(ctx);
      if (loc)
        ctx.store
          .getState()
          .apply({ type: 'moveTask', ref: loc.task.taskReferenceName, delta: -1 });
    },
  },
  {
    id: 'move-down',
    label: 'Move task down',
    group: 'Edit',
    shortcut: 'Alt+ArrowDown',
    matches: key('ArrowDown', { alt: true }),
    isEnabled: hasSelection,
    run: (ctx) => {
      const loc = selected(ctx);
      if (loc)
        ctx.store.getState().apply({ type: 'moveTask', ref: loc.task.taskReferenceName, delta: 1 });
    },
  },
  {
    id: 'duplicate',
    label: 'Duplicate task',
    group: 'Edit',
    shortcut: 'Mod+D',
    matches: key('d', { mod: true }),
    isEnabled: hasSelection,
    run: ({ store }) => {
      const { def, selectedRef } = store.getState();
      if (!selectedRef) return;
      const tasks = withFreshRefs(def, tasksToCopy(def, selectedRef));
      store
        .getState()
        .apply({ type: 'insertTasks', position: insertionAfter(def, selectedRef), tasks });
      store.getState().select(tasks[0]?.taskReferenceName ?? null);
    },
  },
  {
    id: 'insert-after',
    label: 'Insert task after selection…',
    group: 'Add task',
    shortcut: 'A',
    keywords: 'add new',
    matches: key('a'),
    run: ({ store, ui }) => {
      const { def, selectedRef } = store.getState();
      ui.openInsertMenu(insertionAfter(def, selectedRef));
    },
  },
];
