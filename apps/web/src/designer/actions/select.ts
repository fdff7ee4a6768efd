import { walkTasks } from '../model/slots.js';
import type { ActionContext, DesignerAction } from './types.js';
import { taskNodeId } from '../model/layout.js';

function step(ctx: ActionContext, delta: 1 | -1): void {
  const { def, selectedRef } = ctx.store.getState();
  const refs: string[] = [];
  walkTasks(def, ({ task }) => refs.push(task.taskReferenceName));
  if (refs.length === 0) return;
  const at = selectedRef ? refs.indexOf(selectedRef) : -1;
  const next = refs[(at + delta + refs.length) % refs.length]!;
  ctx.store.getState().select(next);
  const node = ctx.flow?.getNode(taskNodeId(next));
  if (node && ctx.flow) {
    const z = ctx.flow.getZoom();
    ctx.flow.setCenter(
      node.position.x + (node.width ?? 0) / 2,
      node.position.y + (node.height ?? 0) / 2,
      {
        zoom: Math.max(z, 0.6),
        duration: 150,
      },
    );
  }
  document
    .querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(taskNodeId(next))}"]`)
    ?.focus();
}

/** Keyboard selection through the tasks in definition order. */
export const SELECT_ACTIONS: DesignerAction[] = [
  {
    id: 'select-next',
    label: 'Select next task',
    group: 'Selection',
    shortcut: 'J',
    matches: (e) => e.key === 'j' && !e.ctrlKey && !e.metaKey && !e.altKey,
    run: (ctx) => step(ctx, 1),
  },
  {
    id: 'select-previous',
    label: 'Select previous task',
    group: 'Selection',
    shortcut: 'K',
    matches: (e) => e.key === 'k' && !e.ctrlKey && !e.metaKey && !e.altKey,
    run: (ctx) => step(ctx, -1),
  },
  {
    id: 'clear-selection',
    label: 'Clear selection',
    group: 'Selection',
    shortcut: 'Escape',
    matches: (e) => e.key === 'Escape',
    run: ({ store }) => store.getState().select(null),
  },
];
