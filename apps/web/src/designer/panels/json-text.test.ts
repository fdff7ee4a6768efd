import { describe, expect, it } from 'vitest';
import { refRange, toDefOrError } from './json-text.js';

describe('toDefOrError', () => {
  it('accepts an object with a tasks array', () => {
    expect(toDefOrError('{"name":"w","tasks":[]}')).toEqual({
      type: 'ok',
      def: { name: 'w', tasks: [] },
    });
  });

  it('rejects broken JSON and objects without tasks', () => {
    expect(toDefOrError('{"name":').type).toBe('error');
    expect(toDefOrError('{"name":"w"}')).toMatchObject({
      type: 'error',
      message: 'A workflow definition needs a "tasks" array.',
    });
  });
});

describe('refRange', () => {
  it('finds the reference name of a task, escaping special characters', () => {
    const text = '{"tasks":[{"taskReferenceName": "a.b"}]}';
    const r = refRange(text, 'a.b')!;
    expect(text.slice(r.start, r.end)).toBe('"taskReferenceName": "a.b"');
    expect(refRange(text, 'axb')).toBeUndefined();
  });
});
