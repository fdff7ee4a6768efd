/**
 * Pure helpers of the event handler editor: the JSON text is the source of truth, the small form
 * (name, event, active, condition) reads and writes fields of it.
 * @module
 */
import type { EventHandler } from '@baton/client';
import {
  editJsonObject,
  parseJsonObject,
  prettyJson,
  stringOr,
  type ParsedObject,
} from '../ui/definition-list/json-object-text.js';

/** The fields the form edits. */
export type FormField = 'name' | 'event' | 'active' | 'condition';

/** The text of a new handler: starts a workflow when the event arrives. */
export function newHandlerText(): string {
  return toText({
    name: '',
    event: 'conductor:<workflow>:<taskRef>',
    active: true,
    actions: [
      {
        action: 'start_workflow',
        start_workflow: { name: '<workflow to start>', input: {} },
      },
    ],
  } as unknown as EventHandler);
}

export const toText = (handler: EventHandler): string => prettyJson(handler);

/** The handler object in `text`, or why it is not one (the server validates the rest). */
export const parseHandler = (text: string): ParsedObject => parseJsonObject(text, 'handler');

/** `text` with one form field set (an empty condition removes the key); unchanged if unparsable. */
export function withFormField(text: string, field: FormField, value: string | boolean): string {
  return editJsonObject(text, 'handler', (next) => {
    if (field === 'condition' && value === '') {
      const { condition: _removed, ...rest } = next;
      return rest;
    }
    return { ...next, [field]: value };
  });
}

/** The form's view of a parsed handler. */
export function formFields(value: Record<string, unknown>): {
  name: string;
  event: string;
  active: boolean;
  condition: string;
} {
  return {
    name: stringOr(value.name),
    event: stringOr(value.event),
    // Stored handlers without `active: true` do not run (Conductor's default is false).
    active: value.active === true,
    condition: stringOr(value.condition),
  };
}
