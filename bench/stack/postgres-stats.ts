/**
 * The benchmark's look into its own Postgres: the postmaster's pid (so that the sampler can add
 * up the CPU of the postmaster and its children from /proc) and, at the end of a run, the largest
 * tables with their live and dead row estimates, which show whether table growth or vacuum lag
 * could explain a run slowing down.
 * @module
 */
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { parseParentPid } from './proc-stats.js';

/** Size and row estimates of one table at the end of the run. */
export interface PgTableStats {
  /** `schema.table`, or just `table` in `public`. */
  table: string;
  /** Heap, TOAST and indexes (`pg_total_relation_size`). */
  totalBytes: number;
  /** Indexes alone (`pg_indexes_size`). */
  indexBytes: number;
  /** `n_live_tup` from `pg_stat_user_tables` (an estimate). */
  liveRows: number;
  /** `n_dead_tup`: rows updated or deleted and not vacuumed yet. */
  deadRows: number;
  /** Times autovacuum ran on the table. */
  autovacuums: number;
}

/** The largest user tables first, with their `pg_stat_user_tables` counters. */
const TABLE_STATS_SQL = `
  SELECT schemaname, relname,
         pg_total_relation_size(relid) AS total_bytes,
         pg_indexes_size(relid) AS index_bytes,
         n_live_tup, n_dead_tup, autovacuum_count
    FROM pg_stat_user_tables
   ORDER BY pg_total_relation_size(relid) DESC, relname
   LIMIT $1`;

/** One row of {@link TABLE_STATS_SQL}; node-postgres returns bigint columns as strings. */
export interface TableStatsRow {
  schemaname: string;
  relname: string;
  total_bytes: string | number;
  index_bytes: string | number;
  n_live_tup: string | number;
  n_dead_tup: string | number;
  autovacuum_count: string | number;
}

/** Turns the query's rows into {@link PgTableStats}, largest first. */
export function toTableStats(rows: readonly TableStatsRow[]): PgTableStats[] {
  return rows
    .map((row) => ({
      table: row.schemaname === 'public' ? row.relname : `${row.schemaname}.${row.relname}`,
      totalBytes: Number(row.total_bytes),
      indexBytes: Number(row.index_bytes),
      liveRows: Number(row.n_live_tup),
      deadRows: Number(row.n_dead_tup),
      autovacuums: Number(row.autovacuum_count),
    }))
    .sort((a, b) => b.totalBytes - a.totalBytes);
}

/** A connection to the benchmark's Postgres for the two look-ups above. */
export class PostgresProbe {
  private constructor(private readonly client: pg.Client) {}

  /** Connects to `url`. */
  static async connect(url: string): Promise<PostgresProbe> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return new PostgresProbe(client);
  }

  /** The postmaster's pid: the parent of this connection's backend process. */
  async postmasterPid(): Promise<number> {
    const { rows } = await this.client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const backend = rows[0]?.pid;
    if (backend === undefined) throw new Error('pg_backend_pid() returned no row');
    return parseParentPid(await readFile(`/proc/${backend}/stat`, 'utf8'));
  }

  /** The `limit` largest user tables of the database. */
  async tableStats(limit: number): Promise<PgTableStats[]> {
    const { rows } = await this.client.query<TableStatsRow>(TABLE_STATS_SQL, [limit]);
    return toTableStats(rows);
  }

  /** Closes the connection. */
  async close(): Promise<void> {
    await this.client.end();
  }
}
