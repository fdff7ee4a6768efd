import { afterAll, beforeAll, inject } from 'vitest';
import { createManualClock, createMemoryStores, runStoreConformance } from '@baton/engine/testing';
import { createPgliteStores, createPostgresStores, type SqlStores } from '@baton/stores';

runStoreConformance('memory', async () => {
  const clock = createManualClock();
  return { ...createMemoryStores({ clock }), clock, cleanup: async () => {} };
});

// PGlite and Postgres share one database per file (a new PGlite takes seconds to start); the
// suite scopes every assertion to names it generates, so tests do not see each other's data.
const pgliteClock = createManualClock();
let pglite: SqlStores | undefined;

const postgresClock = createManualClock();
const schema = `conformance_${process.pid}_${Date.now()}`;
let postgres: SqlStores | undefined;

beforeAll(async () => {
  [pglite, postgres] = await Promise.all([
    createPgliteStores({ clock: pgliteClock }),
    createPostgresStores({ connectionString: inject('databaseUrl'), schema, clock: postgresClock }),
  ]);
});

afterAll(async () => {
  await pglite?.close();
  if (postgres) {
    await postgres.sql.exec(`DROP SCHEMA "${schema}" CASCADE`);
    await postgres.close();
  }
});

runStoreConformance('pglite', async () => {
  if (!pglite) throw new Error('PGlite did not start');
  return { ...pglite, clock: pgliteClock, cleanup: async () => {} };
});

runStoreConformance('postgres', async () => {
  if (!postgres) throw new Error('Postgres did not start');
  return { ...postgres, clock: postgresClock, cleanup: async () => {} };
});
