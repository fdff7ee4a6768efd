/**
 * The generated input form of a workflow: one field per declared `inputParameters` entry, kept in
 * sync with the JSON input text.
 * @module
 */

/** Parses the input text; an error message when it is not a JSON object. */
export function parseInput(
  text: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    const v: unknown = JSON.parse(text);
    if (v === null || typeof v !== 'object' || Array.isArray(v))
      return { ok: false, error: 'The input must be a JSON object.' };
    return { ok: true, value: v as Record<string, unknown> };
  } catch (e) {
    return { ok: false, error: `Invalid JSON: ${(e as Error).message}` };
  }
}

/** How a field shows a value: strings as typed, everything else as JSON. */
export function toFieldText(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Reads what was typed in a field: JSON numbers, booleans, null, objects and arrays become values,
 * anything else stays a string. An empty field removes the key.
 */
export function fromFieldText(text: string): unknown {
  if (text === '') return undefined;
  const t = text.trim();
  if (
    /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)$/.test(t) ||
    t.startsWith('{') ||
    t.startsWith('[')
  ) {
    try {
      return JSON.parse(t);
    } catch {
      return text;
    }
  }
  return text;
}

/** The input text after setting one field (the rest of the object is kept, in order). */
export function withField(input: Record<string, unknown>, key: string, text: string): string {
  const value = fromFieldText(text);
  const next = { ...input };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return JSON.stringify(next, null, 2);
}

/** A starting input: each declared parameter present with an empty string. */
export function skeletonInput(params: readonly string[]): string {
  return JSON.stringify(Object.fromEntries(params.map((p) => [p, ''])), null, 2);
}
