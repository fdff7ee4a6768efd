import { key, type DesignerAction } from './types.js';

/** Undo and redo. */
export const HISTORY_ACTIONS: DesignerAction[] = [
  {
    id: 'undo',
    label: 'Undo',
    group: 'Edit',
    shortcut: 'Mod+Z',
    matches: key('z', { mod: true }),
    isEnabled: ({ store }) => store.getState().past.length > 0,
    run: ({ store }) => store.getState().undo(),
  },
  {
    id: 'redo',
    label: 'Redo',
    group: 'Edit',
    shortcut: 'Mod+Shift+Z',
    matches: (e) => key('z', { mod: true, shift: true })(e) || key('y', { mod: true })(e),
    isEnabled: ({ store }) => store.getState().future.length > 0,
    run: ({ store }) => store.getState().redo(),
  },
];
