import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isBatonError } from '@baton/engine';
import { PgSqlClient } from '@baton/stores';

describe('postgres connection failures', () => {
  it('raise STORE_UNAVAILABLE when the server cannot be reached', async () => {
    const port = await freePort();
    const client = new PgSqlClient({ connectionString: `postgres://postgres@127.0.0.1:${port}/x` });
    try {
      const error = await client.query('SELECT 1').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isBatonError(error) && error.code).toBe('STORE_UNAVAILABLE');
    } finally {
      await client.close();
    }
  });
});

/** A port nothing listens on: bound, read, then released. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
    });
  });
}
