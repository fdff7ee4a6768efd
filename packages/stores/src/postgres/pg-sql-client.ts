/**
 * SqlClient over node-postgres: a pool for statements and transactions, and one dedicated
 * connection for LISTEN (see PgListener). Driver failures surface as STORE_UNAVAILABLE.
 * @module
 */
import pg from 'pg';
import { isBatonError } from '@baton/engine';
import { toUnavailableError } from '../status-errors.js';
import { quoteIdent } from './quote-ident.js';
import { decodeRows, decodeText, encodeParams, JSON_TYPE_IDS, parsePgJson } from './safe-text.js';
import { PgListener } from './pg-listener.js';
import { type SqlClient, type SqlQueryable, type SqlResult } from './sql-client.js';

/** Connection options: a URL and, optionally, the schema every statement runs in. */
export interface PgSqlClientOptions {
  connectionString: string;
  /** Sets `search_path` on every connection; the schema must exist (migrate creates it). */
  schema?: string;
  /** Shown in pg_stat_activity (the LISTEN connection adds `:listen`); default 'baton'. */
  applicationName?: string;
  /** Pool size; default 10. */
  max?: number;
}

/** SqlClient backed by a `pg` Pool. */
export class PgSqlClient implements SqlClient {
  private readonly pool: pg.Pool;
  private readonly config: pg.ClientConfig;
  private readonly listener: PgListener;

  constructor(options: PgSqlClientOptions) {
    this.config = {
      connectionString: options.connectionString,
      application_name: options.applicationName ?? 'baton',
      types: { getTypeParser: typeParser },
      ...(options.schema ? { options: `-c search_path=${quoteIdent(options.schema)}` } : {}),
    };
    this.pool = new pg.Pool({ ...this.config, max: options.max ?? 10 });
    this.listener = new PgListener({
      ...this.config,
      application_name: `${options.applicationName ?? 'baton'}:listen`,
    });
    // An idle client's error (e.g. the server restarted) must not crash the process.
    this.pool.on('error', () => {});
  }

  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<SqlResult<R>> {
    return run(this.pool, text, params);
  }

  async exec(sql: string): Promise<void> {
    await run(this.pool, sql);
  }

  async transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect().catch((e: unknown) => {
      throw toUnavailableError('Postgres', 'connect', e);
    });
    const tx: SqlQueryable = {
      query: (text, params) => run(client, text, params),
      exec: async (sql) => {
        await run(client, sql);
      },
    };
    try {
      await client.query('BEGIN');
      const result = await fn(tx);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }

  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    return this.listener.listen(channel, (payload) => onNotify(decodeText(payload)));
  }

  async close(): Promise<void> {
    await this.listener.close();
    await this.pool.end();
  }
}

async function run<R>(
  target: pg.Pool | pg.PoolClient,
  text: string,
  params?: unknown[],
): Promise<SqlResult<R>> {
  try {
    const result = await target.query(text, encodeParams(params));
    return { rows: decodeRows(result.rows as R[]), rowCount: result.rowCount ?? 0 };
  } catch (e) {
    throw isConnectionError(e) ? toUnavailableError('Postgres', 'query', e) : e;
  }
}

/** pg's parsers, except that `json`/`jsonb` results are decoded (safe-text.ts) before parsing. */
const typeParser = ((oid: number, format?: 'text' | 'binary') =>
  (JSON_TYPE_IDS as readonly number[]).includes(oid) && format !== 'binary'
    ? parsePgJson
    : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'];

/** Connection-level failures (refused, reset, server shutting down) as opposed to SQL errors. */
function isConnectionError(e: unknown): boolean {
  if (isBatonError(e)) return false;
  const error = e as { code?: string; message?: string };
  if (typeof error.code === 'string') {
    return (
      /^(ECONN|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN)/.test(error.code) ||
      (/^(08|57P)/.test(error.code) && error.code !== '08P01')
    );
  }
  return /Connection terminated|connection (is )?closed/i.test(error.message ?? '');
}
