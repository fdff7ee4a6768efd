/**
 * The Pg* stores over PGlite, migrations applied.
 * @module
 */
import { migrate } from '../postgres/migrate.js';
import {
  createSqlStores,
  type SqlStoreOptions,
  type SqlStores,
} from '../postgres/create-postgres-stores.js';
import { PgliteSqlClient } from './pglite-sql-client.js';

/**
 * Opens PGlite in `dataDir` (or in memory when absent), applies migrations and returns the
 * stores. A new data folder takes several seconds to initialise; reuse one instance per process
 * (PGlite allows one process per data folder).
 */
export async function createPgliteStores(
  options: SqlStoreOptions & { dataDir?: string } = {},
): Promise<SqlStores> {
  const client = await PgliteSqlClient.open(options.dataDir);
  try {
    await migrate(client);
  } catch (e) {
    await client.close();
    throw e;
  }
  return createSqlStores(client, options);
}
