/**
 * SqlClient over PGlite (Postgres compiled to WebAssembly, in process): the Pg* stores run on it
 * unchanged. PGlite has a single connection, so its transactions run one at a time; LISTEN/NOTIFY
 * works within the process.
 * @module
 */
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import {
  assertChannel,
  type SqlClient,
  type SqlQueryable,
  type SqlResult,
} from '../postgres/sql-client.js';
import {
  decodeRows,
  decodeText,
  encodeParams,
  JSON_TYPE_IDS,
  parsePgJson,
} from '../postgres/safe-text.js';

/** `json`/`jsonb` results are decoded (safe-text.ts) before parsing. */
const PARSERS = Object.fromEntries(JSON_TYPE_IDS.map((id) => [id, parsePgJson]));

/**
 * Postgres settings for the one-connection embedded database. PGlite's defaults are a server's
 * (128 MB of shared buffers, 100 connections' shared state), which cost about 140 MB of resident
 * memory an idle Baton does not use; these keep the embedded server's idle memory low (see
 * docs/operations.md, "Memory").
 */
export const PGLITE_SETTINGS: readonly string[] = [
  'shared_buffers=16MB',
  'max_connections=5',
  'wal_buffers=1MB',
];

/** pg_trgm backs the free-text search index (migration 0006_search_indexes). */
const EXTENSIONS = { pg_trgm };

const START_PARAMS = [...PGlite.defaultStartParams, ...PGLITE_SETTINGS.flatMap((s) => ['-c', s])];

interface PgliteLike {
  query<R>(text: string, params?: unknown[]): Promise<{ rows: R[]; affectedRows?: number }>;
  exec(sql: string): Promise<unknown>;
}

/** SqlClient backed by one PGlite instance. */
export class PgliteSqlClient implements SqlClient {
  private constructor(private readonly db: PGlite) {}

  /**
   * Opens (creating if needed) a database in `dataDir`, or in memory when it is undefined.
   * A new data folder takes several seconds to initialise.
   */
  static async open(dataDir?: string): Promise<PgliteSqlClient> {
    const db =
      dataDir === undefined
        ? await PGlite.create({
            parsers: PARSERS,
            startParams: START_PARAMS,
            extensions: EXTENSIONS,
          })
        : await PGlite.create(dataDir, {
            parsers: PARSERS,
            startParams: START_PARAMS,
            extensions: EXTENSIONS,
          });
    return new PgliteSqlClient(db);
  }

  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<SqlResult<R>> {
    return run<R>(this.db, text, params);
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    return this.db.transaction((tx: Transaction) =>
      fn({
        query: (text, params) => run(tx, text, params),
        exec: async (sql) => {
          await tx.exec(sql);
        },
      }),
    );
  }

  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    assertChannel(channel);
    const stop = await this.db.listen(channel, (payload) => onNotify(decodeText(payload)));
    return async () => {
      if (!this.db.closed) await stop();
    };
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}

async function run<R>(db: PgliteLike, text: string, params?: unknown[]): Promise<SqlResult<R>> {
  const result = await db.query<R>(text, encodeParams(params));
  return { rows: decodeRows(result.rows), rowCount: result.affectedRows ?? result.rows.length };
}
