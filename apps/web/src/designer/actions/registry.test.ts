import { describe, expect, it, vi } from 'vitest';
import { actionForKey, DESIGNER_ACTIONS, getAction, runAction, searchActions } from './registry.js';
import { createDesignerStore } from '../store/designer-store.js';
import type { ActionContext } from './types.js';

const ctxFor = (): ActionContext => ({
  store: createDesignerStore({ name: 'w', tasks: [] }, null),
  flow: null,
  ui: {
    openInsertMenu: vi.fn(),
    openSaveDialog: vi.fn(),
    openImported: vi.fn(),
    openFind: vi.fn(),
    openImport: vi.fn(),
    exportJson: vi.fn(),
    exportImage: vi.fn(),
    toggleTheme: vi.fn(),
    setRightTab: vi.fn(),
    notify: vi.fn(),
  },
});

describe('designer actions', () => {
  it('have unique ids', () => {
    expect(new Set(DESIGNER_ACTIONS.map((a) => a.id)).size).toBe(DESIGNER_ACTIONS.length);
  });

  it('bind Ctrl+Z to undo and Ctrl+Shift+Z to redo', () => {
    expect(actionForKey(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true }))?.id).toBe(
      'undo',
    );
    expect(
      actionForKey(new KeyboardEvent('keydown', { key: 'Z', ctrlKey: true, shiftKey: true }))?.id,
    ).toBe('redo');
  });

  it('adds a switch with the command, selects it, and undoes it', () => {
    const ctx = ctxFor();
    expect(runAction(getAction('add-switch')!, ctx)).toBe(true);
    const { def, selectedRef } = ctx.store.getState();
    expect(def.tasks.map((t) => t.type)).toEqual(['SWITCH']);
    expect(selectedRef).toBe('switch');
    runAction(getAction('undo')!, ctx);
    expect(ctx.store.getState().def.tasks).toEqual([]);
  });

  it('does not run disabled actions', () => {
    expect(runAction(getAction('delete-selection')!, ctxFor())).toBe(false);
  });

  it('finds commands by words of their label or keywords', () => {
    expect(searchActions('add fork').map((a) => a.id)).toContain('add-fork_join');
    expect(searchActions('download').map((a) => a.id)).toContain('export-json');
  });
});
