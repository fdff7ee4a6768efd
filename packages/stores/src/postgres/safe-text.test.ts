import { describe, expect, it } from 'vitest';
import { decodeJsonText, decodeText, encodeJsonText, encodeText, pgJson } from './safe-text.js';

const SAMPLES = [
  '',
  'plain',
  '\u0000',
  'a\u0000b\u0000',
  '\uD800',
  '\uDFFF',
  '\uDC00\uD800',
  '\uD83D\uDE00',
  '\uE000',
  '\uE000e000',
  '\uE0000000',
  '\\u0000',
  '\\\\u0000',
  '\\\u0000',
  'ü\u0000ñ\uE001',
];

/** True when the text holds nothing Postgres refuses in text or jsonb. */
function storable(text: string): boolean {
  // eslint-disable-next-line no-control-regex -- NUL is what the test looks for
  return !/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(
    text,
  );
}

describe('safe text', () => {
  it.each(SAMPLES.map((s) => [JSON.stringify(s), s]))(
    'encodes %s reversibly into storable text',
    (_, s) => {
      const encoded = encodeText(s);
      expect(storable(encoded)).toBe(true);
      expect(decodeText(encoded)).toBe(s);
    },
  );

  it('leaves text without unsafe characters as it is', () => {
    expect(encodeText('plain ü \uD83D\uDE00')).toBe('plain ü \uD83D\uDE00');
    expect(pgJson({ a: 'plain', b: [1, 'ü'] })).toBe(JSON.stringify({ a: 'plain', b: [1, 'ü'] }));
  });

  it('encodes the strings inside JSON text, keys included, exactly as encodeText does', () => {
    const value = Object.fromEntries(SAMPLES.map((s, i) => [s, [s, i]]));
    const json = pgJson(value);
    expect(json).not.toMatch(/\uE000/);
    // What Postgres gives back: the escapes read into characters (here, by JSON.parse).
    const stored = JSON.parse(json) as Record<string, [string, number]>;
    for (const [key, [s, i]] of Object.entries(stored)) {
      expect(storable(key)).toBe(true);
      expect([key, s]).toEqual([encodeText(SAMPLES[i] ?? ''), encodeText(SAMPLES[i] ?? '')]);
    }
    expect(JSON.parse(decodeJsonText(JSON.stringify(stored)))).toEqual(value);
    expect(encodeJsonText(json)).toBe(json);
  });
});
