import { describe, expect, it } from 'vitest';
import { parseJson } from './body-parsers.js';

describe('parseJson', () => {
  it('parses ordinary bodies as JSON.parse does', () => {
    const text = '{"taskId":"t1","outputData":{"list":[1,"a",null],"nested":{"ok":true}}}';
    expect(parseJson(text)).toEqual(JSON.parse(text));
  });

  it('drops __proto__ keys at any depth, written plainly or escaped', () => {
    const plain = parseJson('{"a":1,"__proto__":{"polluted":true},"b":{"__proto__":{"x":1}}}');
    expect(plain).toEqual({ a: 1, b: {} });
    expect(Object.hasOwn(plain as object, '__proto__')).toBe(false);
    const escaped = parseJson('{"\\u005f_proto__":{"polluted":true},"c":"\\u00e9"}');
    expect(escaped).toEqual({ c: 'é' });
    expect(Object.hasOwn(escaped as object, '__proto__')).toBe(false);
  });

  it('answers REQUEST_INVALID for malformed JSON', () => {
    expect(() => parseJson('{"a":')).toThrow(expect.objectContaining({ code: 'REQUEST_INVALID' }));
  });
});
