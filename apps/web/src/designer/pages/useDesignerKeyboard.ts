import { useEffect } from 'react';
import { actionForKey, runAction } from '../actions/registry.js';
import { copyText, pasteText } from '../actions/clipboard.js';
import type { ActionContext } from '../actions/types.js';

/** True when the event comes from a text field or the code editor (their keys are their own). */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.closest) return false;
  return !!el.closest(
    'input, textarea, select, [contenteditable="true"], .monaco-editor, [role="dialog"]',
  );
}

/** The canvas region: plain-key shortcuts (A, J, K, Delete, +, -) apply only while it has focus. */
export const CANVAS_SELECTOR = '.canvas-wrap';

/**
 * Whether a plain-key shortcut may run for this key press: the focus is in the canvas, or the
 * focus fell to the page (a focused node was deleted) and the canvas was the last region focused.
 */
export function canvasHasFocus(target: EventTarget | null, lastFocusInCanvas: boolean): boolean {
  const el = target as HTMLElement | null;
  if (!el || el === document.body || el === document.documentElement) return lastFocusInCanvas;
  return !!el.closest?.(CANVAS_SELECTOR);
}

/**
 * Routes key presses to registered actions, Ctrl/Cmd+K to the command palette, and the system
 * copy/cut/paste events to Conductor-JSON clipboard handling (works between tabs).
 */
export function useDesignerKeyboard(getCtx: () => ActionContext, openPalette: () => void): void {
  useEffect(() => {
    // Nothing focused yet when the designer opens: the canvas is where shortcuts go.
    let lastFocusInCanvas = true;
    const onFocusIn = (e: FocusEvent) => {
      lastFocusInCanvas = canvasHasFocus(e.target, lastFocusInCanvas);
    };
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        openPalette();
        return;
      }
      const nodeEl = (e.target as HTMLElement | null)?.closest?.('.react-flow__node');
      const nodeId = nodeEl?.getAttribute('data-id');
      if ((e.key === 'Enter' || e.key === ' ') && nodeId?.startsWith('t:')) {
        // Keyboard users reach nodes with Tab; Enter or Space selects the focused one.
        e.preventDefault();
        getCtx().store.getState().select(nodeId.slice(2), true);
        return;
      }
      const typing = isTyping(e.target);
      const action = actionForKey(e);
      if (!action) return;
      if (typing && action.id !== 'save') return;
      // Plain keys are text elsewhere (a toolbar, the panels): only the canvas turns them into commands.
      const plain = !e.ctrlKey && !e.metaKey;
      if (plain && !canvasHasFocus(e.target, lastFocusInCanvas)) return;
      e.preventDefault();
      runAction(action, getCtx());
    };
    const onCopy = (e: ClipboardEvent) => {
      if (isTyping(e.target) || window.getSelection()?.toString()) return;
      const ctx = getCtx();
      const text = copyText(ctx.store);
      if (!text || !e.clipboardData) return;
      e.clipboardData.setData('text/plain', text);
      e.preventDefault();
      if (e.type === 'cut') {
        const ref = ctx.store.getState().selectedRef;
        if (ref) ctx.store.getState().apply({ type: 'removeTask', ref });
        ctx.store.getState().select(null);
      } else ctx.ui.notify('Copied as Conductor JSON');
    };
    const onPaste = (e: ClipboardEvent) => {
      if (isTyping(e.target)) return;
      const text = e.clipboardData?.getData('text/plain');
      if (text && pasteText(getCtx(), text)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [getCtx, openPalette]);
}
