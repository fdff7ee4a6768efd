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

describe('safe text fast paths', () => {
  // The quick tests (isWellFormed, indexOf) must agree with the full rewrite on text of either
  // V8 representation: one byte per character, and two (any character above U+00FF).
  const big = JSON.stringify({
    out: 'x'.repeat(5000),
    more: Array.from({ length: 50 }, (_, i) => i),
  });
  it.each([
    ['one-byte JSON', big],
    ['two-byte JSON with a pair', `${big}\uD83D\uDE00`],
    ['two-byte JSON with a lone surrogate', `${big}\uD800`],
    ['one-byte JSON with NUL', `${big}\u0000`],
    ['two-byte JSON with the marker', `${big}\uE000`],
  ])('encodeText on %s', (_, s) => {
    const encoded = encodeText(s);
    expect(storable(encoded)).toBe(true);
    expect(decodeText(encoded)).toBe(s);
  });
  it.each([
    ['no escapes', big, false],
    ['a harmless escape', `${big}\n\u0001`, false],
    ['an escaped NUL', `${big}\u0000`, true],
    ['an escaped lone surrogate', `${big}\uDBFF`, true],
    ['a raw marker', `${big}\uE000`, true],
  ])('encodeJsonText on JSON with %s', (_, text, changes) => {
    const json = JSON.stringify(text);
    const encoded = encodeJsonText(json);
    expect(encoded !== json).toBe(changes);
    // Postgres gives jsonb strings back with the escapes resolved: JSON.parse does the same here.
    expect(decodeText(JSON.parse(encoded) as string)).toBe(text);
  });
});
