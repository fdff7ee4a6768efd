import { describe, expect, it } from 'vitest';
import { fromFieldText, parseInput, skeletonInput, toFieldText, withField } from './input-form.js';

describe('parseInput', () => {
  it('accepts an object and an empty text', () => {
    expect(parseInput('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseInput('  ')).toEqual({ ok: true, value: {} });
  });

  it('rejects arrays, scalars and broken JSON with a message', () => {
    expect(parseInput('[1]')).toMatchObject({
      ok: false,
      error: 'The input must be a JSON object.',
    });
    expect(parseInput('{a')).toMatchObject({ ok: false });
  });
});

describe('field text', () => {
  it('reads numbers, booleans and JSON, and keeps other text as strings', () => {
    expect(fromFieldText('42')).toBe(42);
    expect(fromFieldText('true')).toBe(true);
    expect(fromFieldText('{"x":1}')).toEqual({ x: 1 });
    expect(fromFieldText('oven')).toBe('oven');
    expect(fromFieldText('{not json')).toBe('{not json');
    expect(fromFieldText('')).toBeUndefined();
  });

  it('shows strings as typed and other values as JSON', () => {
    expect(toFieldText('oven')).toBe('oven');
    expect(toFieldText(3)).toBe('3');
    expect(toFieldText(undefined)).toBe('');
  });

  it('sets and removes a key in the input text', () => {
    expect(JSON.parse(withField({ a: 1 }, 'b', '2'))).toEqual({ a: 1, b: 2 });
    expect(JSON.parse(withField({ a: 1 }, 'a', ''))).toEqual({});
  });

  it('starts with every declared parameter', () => {
    expect(JSON.parse(skeletonInput(['ovenType', 'size']))).toEqual({ ovenType: '', size: '' });
  });
});
