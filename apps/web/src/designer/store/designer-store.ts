/**
 * The designer's per-instance store (create one per open definition with createDesignerStore).
 * It holds the draft WorkflowDef (the source of truth), undo/redo history, the selection and
 * the last saved baseline. Every edit goes through `apply`, which folds DesignerChange objects.
 * @module
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { WorkflowDef } from '@baton/engine';
import { applyChanges, type DesignerChange } from '../model/apply-changes.js';
import type { DesignerIssue } from '../model/issues.js';

/** Where an edit came from; the JSON panel ignores echoes of its own edits. */
export type ChangeSource = 'canvas' | 'inspector' | 'json' | 'history' | 'load';

/** A request to reveal a task (problems list, search): the JSON panel scrolls to it. */
export interface RevealRequest {
  ref: string;
  nonce: number;
}

/** JSON text typed in the editor that does not parse: kept until fixed or knowingly discarded. */
export interface JsonTextError {
  /** The parser's reason. */
  message: string;
  /** 1-based position of the error in `text`. */
  line: number;
  column: number;
  /** The unparsed text itself (the editor shows it again when it reopens). */
  text: string;
}

/** State and actions of one designer. */
export interface DesignerState {
  def: WorkflowDef;
  /** The stored definition this draft started from; null for a new, never-saved workflow. */
  baseline: WorkflowDef | null;
  past: WorkflowDef[];
  future: WorkflowDef[];
  lastSource: ChangeSource;
  selectedRef: string | null;
  reveal: RevealRequest | null;
  /** Problems reported by the server on the last save attempt. */
  serverIssues: DesignerIssue[];
  /** The JSON editor's text when it fails to parse (then the draft is its last valid version). */
  jsonError: JsonTextError | null;
  /** Bumped when the unparsed JSON text is discarded: the editor then shows the draft again. */
  jsonTextNonce: number;
  apply: (changes: DesignerChange | DesignerChange[], source?: ChangeSource) => void;
  undo: () => void;
  redo: () => void;
  select: (ref: string | null, reveal?: boolean) => void;
  load: (def: WorkflowDef, baseline: WorkflowDef | null) => void;
  markSaved: (def: WorkflowDef) => void;
  setServerIssues: (issues: DesignerIssue[]) => void;
  setJsonError: (error: JsonTextError | null) => void;
  /** Drops the unparsed JSON text; the editor shows the draft again. */
  discardJsonText: () => void;
}

/** The store type handed around through context. */
export type DesignerStore = StoreApi<DesignerState>;

const HISTORY_LIMIT = 200;

/** Creates a designer store for `def` (baseline null for an unsaved workflow). */
export function createDesignerStore(def: WorkflowDef, baseline: WorkflowDef | null): DesignerStore {
  return createStore<DesignerState>()((set, get) => ({
    def,
    baseline,
    past: [],
    future: [],
    lastSource: 'load',
    selectedRef: null,
    reveal: null,
    serverIssues: [],
    jsonError: null,
    jsonTextNonce: 0,
    apply: (changes, source = 'canvas') => {
      const list = Array.isArray(changes) ? changes : [changes];
      const current = get().def;
      const next = applyChanges(current, list);
      if (next === current) return;
      set((s) => ({
        def: next,
        past: [...s.past.slice(-HISTORY_LIMIT + 1), current],
        future: [],
        lastSource: source,
        serverIssues: [],
      }));
    },
    undo: () => {
      const { past, def: current, future } = get();
      const prev = past[past.length - 1];
      if (!prev) return;
      set({
        def: prev,
        past: past.slice(0, -1),
        future: [current, ...future],
        lastSource: 'history',
      });
    },
    redo: () => {
      const { past, def: current, future } = get();
      const next = future[0];
      if (!next) return;
      set({ def: next, past: [...past, current], future: future.slice(1), lastSource: 'history' });
    },
    select: (ref, reveal = false) =>
      set((s) => ({
        selectedRef: ref,
        reveal: reveal && ref ? { ref, nonce: (s.reveal?.nonce ?? 0) + 1 } : s.reveal,
      })),
    load: (loaded, base) =>
      set((s) => ({
        def: loaded,
        baseline: base,
        past: [],
        future: [],
        lastSource: 'load',
        selectedRef: null,
        serverIssues: [],
        // A definition loaded on purpose (import, reload) replaces whatever the editor held.
        jsonError: null,
        jsonTextNonce: s.jsonTextNonce + 1,
      })),
    markSaved: (saved) =>
      set({ baseline: saved, def: saved, lastSource: 'load', serverIssues: [] }),
    setServerIssues: (serverIssues) => set({ serverIssues }),
    setJsonError: (jsonError) => set({ jsonError }),
    discardJsonText: () => set((s) => ({ jsonError: null, jsonTextNonce: s.jsonTextNonce + 1 })),
  }));
}
