/**
 * A designer command: one definition used by the keyboard, the toolbar, menus and the command
 * palette (Ctrl/Cmd+K).
 * @module
 */
import type { ReactFlowInstance } from '@xyflow/react';
import type { WorkflowDef } from '@baton/engine';
import type { DesignerStore } from '../store/designer-store.js';
import type { Position } from '../model/slots.js';

/** UI services the actions can call (provided by the designer page). */
export interface DesignerUi {
  openInsertMenu: (position: Position) => void;
  openSaveDialog: () => void;
  openImport: () => void;
  /** Opens Find: jump to a task by reference name, name or type. */
  openFind: () => void;
  /**
   * Opens an imported definition: it replaces the draft, or, when it names another workflow than
   * the stored one open, opens as a new draft of its own name.
   */
  openImported: (def: WorkflowDef, from: string) => void;
  exportJson: () => void;
  exportImage: (format: 'png' | 'svg') => void;
  toggleTheme: () => void;
  setRightTab: (tab: 'properties' | 'json' | 'workflow') => void;
  notify: (message: string) => void;
}

/** What an action runs against. */
export interface ActionContext {
  store: DesignerStore;
  flow: ReactFlowInstance | null;
  ui: DesignerUi;
}

/** A registered command. */
export interface DesignerAction {
  id: string;
  label: string;
  group: 'Edit' | 'Add task' | 'View' | 'File' | 'Selection';
  /** Shortcut for display, e.g. `Mod+Z`. */
  shortcut?: string;
  /** Extra words the command palette matches. */
  keywords?: string;
  /** Whether a key press triggers this action (canvas focus, not inside a text field). */
  matches?: (e: KeyboardEvent) => boolean;
  isEnabled?: (ctx: ActionContext) => boolean;
  run: (ctx: ActionContext) => void | Promise<void>;
}

/** True for Ctrl (Linux/Windows) or Cmd (macOS). */
export const isMod = (e: KeyboardEvent) => e.ctrlKey || e.metaKey;

/** Matches a plain key with the modifier state given. */
export const key =
  (k: string, opts: { mod?: boolean; shift?: boolean; alt?: boolean } = {}) =>
  (e: KeyboardEvent) =>
    e.key.toLowerCase() === k.toLowerCase() &&
    isMod(e) === (opts.mod ?? false) &&
    e.shiftKey === (opts.shift ?? false) &&
    e.altKey === (opts.alt ?? false);
