/**
 * Pure helpers of the definition editors whose JSON text is the source of truth (schedules, event
 * handlers): a small form reads and writes fields of the object that text holds.
 * @module
 */

/** The object a text holds, or why it holds none. */
export type ParsedObject =
  { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

/** Whether `v` is a plain JSON object (not null, not an array). */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `v` if it is a string, else the empty string (what a text input shows). */
export const stringOr = (v: unknown): string => (typeof v === 'string' ? v : '');

/** `value` as the editors show it: JSON indented by two spaces. */
export const prettyJson = (value: unknown): string => JSON.stringify(value, null, 2);

/**
 * The object in `text`, or why it is not one; `noun` names it in the error
 * (`Invalid schedule: the JSON must be an object`). The server validates the rest.
 */
export function parseJsonObject(text: string, noun: string): ParsedObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `Invalid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!isRecord(value)) return { ok: false, error: `Invalid ${noun}: the JSON must be an object` };
  return { ok: true, value };
}

/** `text` with its object rewritten by `edit` (given a copy), pretty; unchanged if unparsable. */
export function editJsonObject(
  text: string,
  noun: string,
  edit: (value: Record<string, unknown>) => Record<string, unknown>,
): string {
  const parsed = parseJsonObject(text, noun);
  return parsed.ok ? prettyJson(edit({ ...parsed.value })) : text;
}
