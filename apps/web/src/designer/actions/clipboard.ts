import {
  insertionAfter,
  parsePasted,
  tasksToCopy,
  withFreshRefs,
} from '../model/clipboard-tasks.js';
import type { DesignerStore } from '../store/designer-store.js';
import type { ActionContext, DesignerAction } from './types.js';

/** The Conductor JSON copied for the selection, or null without one. */
export function copyText(store: DesignerStore): string | null {
  const { def, selectedRef } = store.getState();
  if (!selectedRef) return null;
  const tasks = tasksToCopy(def, selectedRef);
  return JSON.stringify(tasks.length === 1 ? tasks[0] : tasks, null, 2);
}

/** Pastes Conductor JSON: tasks go after the selection; a whole workflow replaces the draft. */
export function pasteText(ctx: Pick<ActionContext, 'store' | 'ui'>, text: string): boolean {
  const pasted = parsePasted(text);
  const { store } = ctx;
  const { def, selectedRef } = store.getState();
  if (pasted.type === 'tasks') {
    const tasks = withFreshRefs(def, pasted.tasks);
    store
      .getState()
      .apply({ type: 'insertTasks', position: insertionAfter(def, selectedRef), tasks });
    store.getState().select(tasks[0]?.taskReferenceName ?? null);
    ctx.ui.notify(`Pasted ${tasks.length} task${tasks.length === 1 ? '' : 's'}`);
    return true;
  }
  if (pasted.type === 'workflow') {
    ctx.ui.openImported(pasted.def, 'the clipboard');
    return true;
  }
  return false;
}

/** Copy, cut and paste through the system clipboard (the keys go through copy/paste events). */
export const CLIPBOARD_ACTIONS: DesignerAction[] = [
  {
    id: 'copy',
    label: 'Copy task as JSON',
    group: 'Edit',
    shortcut: 'Mod+C',
    isEnabled: ({ store }) => store.getState().selectedRef !== null,
    run: async (ctx) => {
      const text = copyText(ctx.store);
      if (text) await navigator.clipboard.writeText(text);
      ctx.ui.notify('Copied as Conductor JSON');
    },
  },
  {
    id: 'cut',
    label: 'Cut task',
    group: 'Edit',
    shortcut: 'Mod+X',
    isEnabled: ({ store }) => store.getState().selectedRef !== null,
    run: async (ctx) => {
      const text = copyText(ctx.store);
      const ref = ctx.store.getState().selectedRef;
      if (!text || !ref) return;
      await navigator.clipboard.writeText(text);
      ctx.store.getState().apply({ type: 'removeTask', ref });
      ctx.store.getState().select(null);
    },
  },
  {
    id: 'paste',
    label: 'Paste tasks',
    group: 'Edit',
    shortcut: 'Mod+V',
    run: async (ctx) => {
      const text = await navigator.clipboard.readText();
      if (!pasteText(ctx, text))
        ctx.ui.notify('The clipboard holds no Conductor task or workflow JSON');
    },
  },
];
