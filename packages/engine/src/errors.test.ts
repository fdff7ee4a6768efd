import { describe, expect, it } from 'vitest';
import { BatonError, ERROR_CODES, batonError, isBatonError } from './errors.js';

const KINDS = [
  'invalid',
  'not_found',
  'conflict',
  'unauthorized',
  'forbidden',
  'too_large',
  'method_not_allowed',
  'unsupported_media_type',
  'uri_too_long',
  'too_many_requests',
  'unavailable',
  'internal',
];

describe('error catalogue', () => {
  it('uses SCREAMING_SNAKE codes with a known kind', () => {
    for (const [code, kind] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      expect(KINDS).toContain(kind);
    }
  });

  it('gives a BatonError the kind of its code, its details, issues and cause', () => {
    const cause = new Error('root');
    const error = batonError('WORKFLOW_DEF_INVALID', 'bad', {
      details: { name: 'wf' },
      validationErrors: [{ path: 'name', message: 'missing' }],
      cause,
    });
    expect(error).toBeInstanceOf(BatonError);
    expect(error.code).toBe('WORKFLOW_DEF_INVALID');
    expect(error.kind).toBe('invalid');
    expect(error.message).toBe('bad');
    expect(error.details).toEqual({ name: 'wf' });
    expect(error.validationErrors).toEqual([{ path: 'name', message: 'missing' }]);
    expect(error.cause).toBe(cause);
  });

  it('recognises BatonErrors by brand, not instanceof', () => {
    const error = new BatonError('STORE_UNAVAILABLE', 'down');
    const copy = Object.assign(Object.create(null) as object, error, {
      [Symbol.for('baton.error')]: true,
    });
    expect(isBatonError(error)).toBe(true);
    expect(isBatonError(copy)).toBe(true);
    expect(isBatonError(new Error('plain'))).toBe(false);
    expect(isBatonError({ code: 'INTERNAL' })).toBe(false);
    expect(isBatonError(null)).toBe(false);
  });
});
