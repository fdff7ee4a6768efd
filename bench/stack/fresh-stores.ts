/**
 * Empty stores for a second server on the same Redis and Postgres services, so that one
 * `--compare-processes` pass starts with nothing the pass before it left (workflows still in
 * flight, their queued tasks, search-index and archive work not yet done), which the second
 * server would otherwise work through inside its own measurements.
 * @module
 */
import pg from 'pg';

/** `url` with its Redis database number set to `db` (`redis://host:port/<db>`). */
export function redisDatabase(url: string, db: number): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/**
 * Creates the empty database `name` (dropping one left by an earlier run) on the server of
 * `databaseUrl`; returns its URL.
 */
export async function freshPostgresDatabase(databaseUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name}`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const u = new URL(databaseUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
