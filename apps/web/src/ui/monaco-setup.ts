/**
 * Bundles Monaco locally (no CDN: the app must work offline) and wires its web workers through
 * Vite's `?worker` imports. Only the editor core, the JSON language service and JavaScript
 * highlighting are bundled, which keeps the lazy chunk (and the build) small. Imported only by
 * the lazily loaded editor components.
 * @module
 */
import type * as MonacoApi from 'monaco-editor';
import * as api from 'monaco-editor/esm/vs/editor/editor.api.js';
import 'monaco-editor/esm/vs/editor/editor.all.js';
import 'monaco-editor/esm/vs/base/browser/ui/codicons/codicon/codicon.css';
import * as jsonContribution from 'monaco-editor/esm/vs/language/json/monaco.contribution.js';
import 'monaco-editor/esm/vs/basic-languages/javascript/javascript.contribution.js';
import { loader } from '@monaco-editor/react';
import { MONACO_THEMES } from './monaco-themes.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import JsonWorker from 'monaco-editor/esm/vs/language/json/json.worker.js?worker';

/** The bundled Monaco namespace (the subset above, typed as the full API). */
export const monaco = api as unknown as typeof MonacoApi;

/** Monaco's JSON language defaults (schemas, diagnostics). */
export const jsonDefaults = (jsonContribution as unknown as typeof MonacoApi.json).jsonDefaults;

self.MonacoEnvironment = {
  getWorker(_id: string, label: string): Worker {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

loader.config({ monaco });

// Baton's themes (contrast-checked diff colours, see monaco-themes.ts), before any editor mounts.
for (const [name, data] of Object.entries(MONACO_THEMES)) monaco.editor.defineTheme(name, data);
