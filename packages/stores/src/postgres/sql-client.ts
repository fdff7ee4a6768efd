/**
 * The small SQL surface the Postgres stores need, so the same stores run on `pg` (a pool) and on
 * PGlite (one embedded connection).
 * @module
 */

/** Rows of one statement; `rowCount` counts affected rows for INSERT/UPDATE/DELETE. */
export interface SqlResult<R> {
  rows: R[];
  rowCount: number;
}

/** Runs statements on one connection or transaction. */
export interface SqlQueryable {
  /** One statement with `$n` parameters (values are never interpolated into the text). */
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<SqlResult<R>>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** A database: statements, transactions and LISTEN/NOTIFY subscriptions. */
export interface SqlClient extends SqlQueryable {
  /**
   * Runs `fn` in one transaction on one connection: COMMIT when it resolves, ROLLBACK when it
   * throws (the error is rethrown).
   */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /**
   * LISTENs on `channel` (lower-case letters, digits and `_` only) and calls `onNotify` with each
   * payload. Resolves once the LISTEN is active; returns the function that stops listening.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  /** Closes every connection. */
  close(): Promise<void>;
}

/** Throws unless `channel` is safe to use as an unquoted LISTEN identifier. */
export function assertChannel(channel: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) {
    throw new Error(`Invalid notification channel name: ${channel}`);
  }
}
