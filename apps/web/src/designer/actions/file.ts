import { key, type DesignerAction } from './types.js';

/** Save, import and export commands. */
export const FILE_ACTIONS: DesignerAction[] = [
  {
    id: 'save',
    label: 'Save…',
    group: 'File',
    shortcut: 'Mod+S',
    keywords: 'version overwrite register',
    matches: key('s', { mod: true }),
    run: ({ ui }) => ui.openSaveDialog(),
  },
  {
    id: 'import-json',
    label: 'Import Conductor JSON…',
    group: 'File',
    shortcut: 'Mod+O',
    keywords: 'open file upload',
    matches: key('o', { mod: true }),
    run: ({ ui }) => ui.openImport(),
  },
  {
    id: 'export-json',
    label: 'Export as JSON file',
    group: 'File',
    shortcut: 'Mod+E',
    keywords: 'download',
    matches: key('e', { mod: true }),
    run: ({ ui }) => ui.exportJson(),
  },
  {
    id: 'export-png',
    label: 'Export canvas as PNG',
    group: 'File',
    keywords: 'image picture download',
    run: ({ ui }) => ui.exportImage('png'),
  },
  {
    id: 'export-svg',
    label: 'Export canvas as SVG',
    group: 'File',
    keywords: 'image vector download',
    run: ({ ui }) => ui.exportImage('svg'),
  },
];
