/**
 * Pure helpers of the event handler editor: the JSON text is the source of truth, the small form
 * (name, event, active, condition) reads and writes fields of it.
 * @module
 */
import type { EventHandler } from '@baton/client';

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

export const toText = (handler: EventHandler): string => JSON.stringify(handler, null, 2);

/** The handler object in `text`, or why it is not one (the server validates the rest). */
export function parseHandler(
  text: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `Invalid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, error: 'Invalid handler: the JSON must be an object' };
  return { ok: true, value: value as Record<string, unknown> };
}

/** `text` with one form field set (an empty condition removes the key); unchanged if unparsable. */
export function withFormField(text: string, field: FormField, value: string | boolean): string {
  const parsed = parseHandler(text);
  if (!parsed.ok) return text;
  const next: Record<string, unknown> = { ...parsed.value, [field]: value };
  if (field === 'condition' && value === '') delete next.condition;
  return JSON.stringify(next, null, 2);
}

/** The form's view of a parsed handler. */
export function formFields(value: Record<string, unknown>): {
  name: string;
  event: string;
  active: boolean;
  condition: string;
} {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    name: str(value.name),
    event: str(value.event),
    // Stored handlers without `active: true` do not run (Conductor's default is false).
    active: value.active === true,
    condition: str(value.condition),
  };
}
