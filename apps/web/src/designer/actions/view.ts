import { key, type DesignerAction } from './types.js';

/** Viewport, theme and panel commands. */
export const VIEW_ACTIONS: DesignerAction[] = [
  {
    id: 'fit-view',
    label: 'Fit to screen',
    group: 'View',
    shortcut: 'Shift+1',
    matches: (e) =>
      e.shiftKey && (e.key === '!' || e.code === 'Digit1') && !e.ctrlKey && !e.metaKey,
    run: ({ flow }) => void flow?.fitView({ duration: 200, padding: 0.1 }),
  },
  {
    id: 'zoom-in',
    label: 'Zoom in',
    group: 'View',
    shortcut: '+',
    matches: (e) => (e.key === '+' || e.key === '=') && !e.ctrlKey && !e.metaKey,
    run: ({ flow }) => void flow?.zoomIn({ duration: 150 }),
  },
  {
    id: 'zoom-out',
    label: 'Zoom out',
    group: 'View',
    shortcut: '-',
    matches: (e) => e.key === '-' && !e.ctrlKey && !e.metaKey,
    run: ({ flow }) => void flow?.zoomOut({ duration: 150 }),
  },
  {
    id: 'toggle-theme',
    label: 'Toggle light / dark theme',
    group: 'View',
    keywords: 'dark mode colour',
    run: ({ ui }) => ui.toggleTheme(),
  },
  {
    id: 'find-task',
    label: 'Find task…',
    group: 'View',
    shortcut: 'Mod+F',
    keywords: 'search go to jump reference name type',
    matches: key('f', { mod: true }),
    run: ({ ui }) => ui.openFind(),
  },
  {
    id: 'show-json',
    label: 'Show JSON editor',
    group: 'View',
    shortcut: 'Mod+J',
    matches: key('j', { mod: true }),
    run: ({ ui }) => ui.setRightTab('json'),
  },
  {
    id: 'show-properties',
    label: 'Show task properties',
    group: 'View',
    run: ({ ui }) => ui.setRightTab('properties'),
  },
  {
    id: 'show-workflow-settings',
    label: 'Show workflow settings',
    group: 'View',
    run: ({ ui, store }) => {
      store.getState().select(null);
      ui.setRightTab('workflow');
    },
  },
];
