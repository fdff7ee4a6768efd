/**
 * Text that Postgres cannot hold, made storable and given back unchanged.
 *
 * JSON text may contain `\u0000` and unpaired surrogates (`\ud800`), and JavaScript strings may
 * contain both as characters, but Postgres refuses NUL in `text` and both in `jsonb`, and the
 * drivers turn an unpaired surrogate into U+FFFD on the way to UTF-8. Every SQL path (executions,
 * definitions, the search index, the queue, task logs) therefore stores such a character as
 * U+E000 (a private-use character, the marker) followed by its four hex digits, and the marker
 * itself as U+E000 `e000`, so the encoding is reversible and applied only to text that needs it:
 *
 * - string parameters are encoded by the SQL clients ({@link encodeText});
 * - JSON parameters are written with {@link pgJson}, which applies the same encoding to every
 *   string (keys too) inside the JSON text, leaving only ASCII escapes, so the clients' encoding
 *   is a no-op on them;
 * - `json`/`jsonb` results are decoded before parsing ({@link decodeJsonText}) and `text` results
 *   after ({@link decodeText}), by the SQL clients.
 *
 * A column copied out of a JSON document by SQL (`jsonb_to_recordset`) holds the same encoding as
 * one written from a string parameter, so equality searches on such values agree.
 * @module
 */

/** The private-use character that starts an encoded character. */
const MARKER = '\uE000';

/** Characters Postgres cannot store faithfully, and the marker itself. */
const UNSAFE_CHARS =
  // eslint-disable-next-line no-control-regex -- NUL is one of the characters this module exists for
  /\u0000|\uE000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** In JSON text: an escape (`\u` with its digits, or any other) or a raw marker. */
const JSON_ESCAPE = /\\u([0-9a-fA-F]{4})|\\[^u]|\uE000/g;

/** A quick test for JSON text that may need {@link JSON_ESCAPE}'s rewrite. */
const MAYBE_UNSAFE_JSON = /\\u(?:0000|[dD][89a-fA-F])|\uE000/;

/** An encoded character: the marker and four hex digits. */
const ENCODED = /\uE000([0-9a-f]{4})/g;

function hex4(code: number): string {
  return code.toString(16).padStart(4, '0');
}

/** `s` with NUL, unpaired surrogates and the marker encoded (the same string when none occurs). */
export function encodeText(s: string): string {
  if (isSafeText(s)) return s;
  return s.replace(UNSAFE_CHARS, (c) => MARKER + hex4(c.charCodeAt(0)));
}

/**
 * A quick test that `s` holds none of the characters {@link encodeText} rewrites: no NUL, no
 * marker and no unpaired surrogate. `isWellFormed` (ES2024, in Node 20) answers at once for text
 * V8 keeps one byte per character, and `indexOf` is a plain scan, so the regular expression (with
 * its look-arounds, many times slower on large JSON parameters) runs only on text that may need it.
 */
function isSafeText(s: string): boolean {
  return (
    (s as unknown as { isWellFormed(): boolean }).isWellFormed() &&
    s.indexOf('\u0000') === -1 &&
    s.indexOf(MARKER) === -1
  );
}

/** The string {@link encodeText} was given. */
export function decodeText(s: string): string {
  if (!s.includes(MARKER)) return s;
  return s.replace(ENCODED, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/**
 * JSON text with every string's unsafe characters encoded as {@link encodeText} does, written as
 * ASCII escapes (`\ue000` and the digits). Idempotent: encoded text is left as it is.
 */
export function encodeJsonText(json: string): string {
  // Most JSON holds no `\u` escape at all: a plain scan settles it before the expression does.
  if (json.indexOf('\\u') === -1 && json.indexOf(MARKER) === -1) return json;
  if (!MAYBE_UNSAFE_JSON.test(json)) return json;
  return json.replace(JSON_ESCAPE, (match, digits: string | undefined) => {
    if (match === MARKER) return '\\ue000e000';
    if (digits === undefined) return match;
    const code = parseInt(digits, 16);
    const unsafe = code === 0 || (code >= 0xd800 && code <= 0xdfff);
    return unsafe ? `\\ue000${hex4(code)}` : match;
  });
}

/** JSON text of `value` that Postgres' `jsonb` accepts and gives back decodable. */
export function pgJson(value: unknown): string {
  return encodeJsonText(JSON.stringify(value));
}

/** JSON text as Postgres returned it, with encoded characters back as `\u` escapes. */
export function decodeJsonText(text: string): string {
  if (!text.includes(MARKER)) return text;
  return text.replace(ENCODED, (_, h: string) => `\\u${h}`);
}

/** Parses a `json`/`jsonb` result. */
export function parsePgJson(text: string): unknown {
  return JSON.parse(decodeJsonText(text));
}

/** Statement parameters with every string encoded. */
export function encodeParams(params: unknown[] | undefined): unknown[] | undefined {
  if (!params) return params;
  let copy: unknown[] | undefined;
  for (let i = 0; i < params.length; i += 1) {
    const value = params[i];
    if (typeof value !== 'string') continue;
    const encoded = encodeText(value);
    if (encoded === value) continue;
    copy ??= [...params];
    copy[i] = encoded;
  }
  return copy ?? params;
}

/** Decodes, in place, the text columns of result rows (absent for several statements). */
export function decodeRows<R>(rows: R[]): R[] {
  if (!Array.isArray(rows)) return rows;
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    for (const key in record) {
      const value = record[key];
      if (typeof value === 'string' && value.includes(MARKER)) record[key] = decodeText(value);
    }
  }
  return rows;
}

/** Postgres type ids of `json` and `jsonb`. */
export const JSON_TYPE_IDS = [114, 3802] as const;
