import { describe, expect, it } from 'vitest';
import { editJsonObject, parseJsonObject, stringOr } from './json-object-text.js';

describe('json object text', () => {
  it('reads the object a text holds', () => {
    expect(parseJsonObject('{"name":"a","n":1}', 'thing')).toEqual({
      ok: true,
      value: { name: 'a', n: 1 },
    });
  });

  it('hostile: invalid JSON or a non-object is refused, naming the kind', () => {
    expect(parseJsonObject('{"name":', 'thing')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Invalid JSON: /) as unknown,
    });
    for (const text of ['[]', 'null', '"a"', '3', 'true'])
      expect(parseJsonObject(text, 'thing')).toEqual({
        ok: false,
        error: 'Invalid thing: the JSON must be an object',
      });
  });

  it('edits a copy and writes it back pretty, keeping the key order', () => {
    const text = '{"a":1,"b":2}';
    const edited = editJsonObject(text, 'thing', (v) => {
      v.a = 3;
      return { ...v, c: 4 };
    });
    expect(edited).toBe('{\n  "a": 3,\n  "b": 2,\n  "c": 4\n}');
  });

  it('leaves unparsable text as it is and does not call the edit', () => {
    let called = false;
    const edit = (v: Record<string, unknown>) => ((called = true), v);
    expect(editJsonObject('{oops', 'thing', edit)).toBe('{oops');
    expect(editJsonObject('[1]', 'thing', edit)).toBe('[1]');
    expect(called).toBe(false);
  });

  it('shows only strings in a text field', () => {
    expect(stringOr('x')).toBe('x');
    expect(stringOr(1)).toBe('');
    expect(stringOr(null)).toBe('');
  });
});
