import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '@baton/engine';
import type { ErrorKind } from '@baton/engine';

/** Kind → HTTP status, as the server's table maps them (docs/errors.md states the same). */
const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  method_not_allowed: 405,
  too_large: 413,
  unsupported_media_type: 415,
  uri_too_long: 414,
  too_many_requests: 429,
  internal: 500,
  unavailable: 503,
};

const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');

/** Rows of the table: `| \`CODE\` | 404 | when | how to fix |`. */
const rows = [...doc.matchAll(/^\|\s*`([A-Z_]+)`\s*\|\s*(\d{3})\s*\|([^|]*)\|([^|]*)\|\s*$/gm)].map(
  (m) => ({
    code: m[1] as string,
    status: Number(m[2]),
    when: (m[3] as string).trim(),
    fix: (m[4] as string).trim(),
  }),
);

describe('docs/errors.md', () => {
  it('documents every catalogue code', () => {
    const documented = new Set(rows.map((r) => r.code));
    expect(Object.keys(ERROR_CODES).filter((code) => !documented.has(code))).toEqual([]);
  });

  it('documents no code that is missing from the catalogue', () => {
    expect(rows.map((r) => r.code).filter((code) => !(code in ERROR_CODES))).toEqual([]);
  });

  it('lists each code once', () => {
    expect(rows.length).toBe(new Set(rows.map((r) => r.code)).size);
  });

  it('gives each code the HTTP status of its kind', () => {
    const wrong = rows.filter(
      (r) => STATUS_BY_KIND[ERROR_CODES[r.code as keyof typeof ERROR_CODES]] !== r.status,
    );
    expect(wrong).toEqual([]);
  });

  it('says when each error happens and how to fix it', () => {
    expect(rows.filter((r) => r.when === '' || r.fix === '')).toEqual([]);
  });
});
