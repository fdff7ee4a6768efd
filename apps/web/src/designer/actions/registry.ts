/**
 * Every designer command, in one list: the keyboard handler, toolbar and command palette read it.
 * @module
 */
import { ADD_TASK_ACTIONS } from './add-task.js';
import { CLIPBOARD_ACTIONS } from './clipboard.js';
import { EDIT_TASK_ACTIONS } from './edit-task.js';
import { FILE_ACTIONS } from './file.js';
import { HISTORY_ACTIONS } from './history.js';
import { SELECT_ACTIONS } from './select.js';
import type { ActionContext, DesignerAction } from './types.js';
import { VIEW_ACTIONS } from './view.js';

/** All registered actions, in command-palette order. */
export const DESIGNER_ACTIONS: readonly DesignerAction[] = [
  ...FILE_ACTIONS,
  ...HISTORY_ACTIONS,
  ...EDIT_TASK_ACTIONS,
  ...CLIPBOARD_ACTIONS,
  ...SELECT_ACTIONS,
  ...VIEW_ACTIONS,
  ...ADD_TASK_ACTIONS,
];

const BY_ID = new Map(DESIGNER_ACTIONS.map((a) => [a.id, a]));

/** Looks an action up by id. */
export function getAction(id: string): DesignerAction | undefined {
  return BY_ID.get(id);
}

/** Runs an action when it is enabled; returns whether it ran. */
export function runAction(action: DesignerAction, ctx: ActionContext): boolean {
  if (action.isEnabled && !action.isEnabled(ctx)) return false;
  void action.run(ctx);
  return true;
}

/** Finds the action bound to a key press, if any. */
export function actionForKey(e: KeyboardEvent): DesignerAction | undefined {
  return DESIGNER_ACTIONS.find((a) => a.matches?.(e));
}

/** Command-palette search: every word must appear in the label, group or keywords. */
export function searchActions(
  query: string,
  actions: readonly DesignerAction[] = DESIGNER_ACTIONS,
): DesignerAction[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return actions.filter((a) => {
    const hay = `${a.label} ${a.group} ${a.keywords ?? ''}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
