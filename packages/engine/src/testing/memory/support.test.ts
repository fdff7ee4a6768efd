import { describe, expect, it } from 'vitest';
import { copy, frozenCopy } from './support.js';

describe('memory store copies', () => {
  it('copies exactly as a JSON round trip does, awkward values included', () => {
    const value = {
      gone: undefined,
      list: [undefined, () => 1, NaN, Infinity, 1, 'a'],
      date: new Date(5),
      nested: { empty: null, text: 'x', flag: true, deeper: [{ n: -0.5 }] },
      ['__proto__']: { own: 1 },
    };
    const viaJson: unknown = JSON.parse(JSON.stringify(value));
    const copied = copy(value);
    expect(copied).toEqual(viaJson);
    expect(JSON.stringify(copied)).toBe(JSON.stringify(viaJson));
    expect(Object.getPrototypeOf(copied)).toBe(Object.prototype);
  });

  it('shares nothing with the original', () => {
    const value = { nested: { list: [1] } };
    const copied = copy(value);
    copied.nested.list.push(2);
    expect(value.nested.list).toEqual([1]);
  });

  it('freezes a frozen copy all the way down', () => {
    const frozen = frozenCopy({ nested: { list: [1] } });
    expect(Object.isFrozen(frozen.nested.list)).toBe(true);
    expect(() => frozen.nested.list.push(2)).toThrow(TypeError);
  });
});
