/**
 * Baton's Monaco themes: Monaco's own light and dark themes with JSON token colours and diff
 * highlights chosen so every token keeps 4.5:1 contrast (WCAG AA) on a plain, inserted or removed
 * line, and on inserted or removed text within it (checked by monaco-themes.test.ts); so do the
 * bracket pair colours. Monaco's defaults do not: its green numbers and red keys on a removed
 * line fall under 3:1. Registered by
 * monaco-setup.ts; every editor and diff uses them through monacoTheme().
 * @module
 */
import type * as MonacoApi from 'monaco-editor';
import type { Theme } from './theme.js';

type ThemeData = MonacoApi.editor.IStandaloneThemeData;

/** Light: GitHub-like token colours, pale red and green diff highlights. */
const LIGHT: ThemeData = {
  base: 'vs',
  inherit: true,
  rules: [
    { token: '', foreground: '1f2328' },
    { token: 'string.key.json', foreground: '0550ae' },
    { token: 'string.value.json', foreground: '0a3069' },
    { token: 'number', foreground: '0a5a2a' },
    { token: 'keyword', foreground: '8a2a00' },
    { token: 'delimiter', foreground: '1f2328' },
    { token: 'comment', foreground: '454c55' },
  ],
  colors: {
    'editor.background': '#ffffff',
    'editor.foreground': '#1f2328',
    'editorLineNumber.foreground': '#57606a',
    // Bracket pair colours (Monaco's light green #319331 is 4:1 even on white).
    'editorBracketHighlight.foreground1': '#0431fa',
    'editorBracketHighlight.foreground2': '#155c15',
    'editorBracketHighlight.foreground3': '#7b3814',
    'diffEditor.insertedLineBackground': '#2da44e1f',
    'diffEditor.insertedTextBackground': '#2da44e40',
    'diffEditor.removedLineBackground': '#cf222e14',
    'diffEditor.removedTextBackground': '#cf222e33',
    'diffEditorGutter.insertedLineBackground': '#2da44e1f',
    'diffEditorGutter.removedLineBackground': '#cf222e14',
  },
};

/** Dark: light token colours, dim red and green diff highlights. */
const DARK: ThemeData = {
  base: 'vs-dark',
  inherit: true,
  rules: [
    { token: '', foreground: 'e6edf3' },
    { token: 'string.key.json', foreground: '9cd1ff' },
    { token: 'string.value.json', foreground: 'c8e4ff' },
    { token: 'number', foreground: 'a8e6b4' },
    { token: 'keyword', foreground: 'ffc08a' },
    { token: 'delimiter', foreground: 'e6edf3' },
    { token: 'comment', foreground: 'b1bac4' },
  ],
  colors: {
    'editor.background': '#1e1e1e',
    'editor.foreground': '#e6edf3',
    'editorLineNumber.foreground': '#a8b1bb',
    'editorBracketHighlight.foreground1': '#ffd700',
    'editorBracketHighlight.foreground2': '#f0a8ee',
    'editorBracketHighlight.foreground3': '#8cc8ff',
    'diffEditor.insertedLineBackground': '#2ea04326',
    'diffEditor.insertedTextBackground': '#2ea04340',
    'diffEditor.removedLineBackground': '#f8514926',
    'diffEditor.removedTextBackground': '#f8514940',
    'diffEditorGutter.insertedLineBackground': '#2ea04326',
    'diffEditorGutter.removedLineBackground': '#f8514926',
  },
};

/** The themes by Monaco name. */
export const MONACO_THEMES: Readonly<Record<string, ThemeData>> = {
  'baton-light': LIGHT,
  'baton-dark': DARK,
};

/** The Monaco theme of an app theme. */
export function monacoTheme(theme: Theme): string {
  return theme === 'dark' ? 'baton-dark' : 'baton-light';
}
