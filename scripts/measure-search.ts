/**
 * Times workflow searches over many archived executions on a private Postgres (docs/operations.md,
 * "Search at scale"): starts its own server (scripts/services/postgres.ts: temp folder, free
 * port), migrates it, loads `--rows` synthetic finished workflows with one INSERT ... SELECT from
 * generate_series per batch (the free-text trigram index is dropped for the load and rebuilt
 * after, as a restore would), then runs each search `--repeat` times through the store's own
 * search (the count and the first page, as `GET /api/workflow/search` does) and prints p50/p99.
 *
 *   npx tsx --conditions=@baton/source scripts/measure-search.ts [--rows 1000000] [--repeat 30]
 *     [--json results.json] [--no-index]
 *
 * The machine should be otherwise idle: the load keeps one core busy for minutes at a million rows.
 * @module
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseSearchQuery, type SearchRequest } from '@baton/engine';
import { createPostgresStores, type SqlStores } from '@baton/stores';
import { startPostgres } from './services/postgres.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    repeat: { type: 'string', default: '30' },
    json: { type: 'string' },
    /** Leaves the trigram index out, to time the same searches as before migration 0006. */
    'no-index': { type: 'boolean', default: false },
  },
});
const withIndex = values['no-index'] !== true;
const rows = Number(values.rows);
const repeat = Number(values.repeat);
if (!Number.isInteger(rows) || rows < 1000 || !Number.isInteger(repeat) || repeat < 1) {
  console.error('--rows must be an integer of at least 1000, --repeat at least 1');
  process.exit(2);
}

const BATCH = 100_000;
const NAMES = 50;
const CUSTOMERS = Math.max(1, Math.floor(rows / 10));

/**
 * Workflows $1..$2: 50 names, 1 in 10 FAILED, a correlation id each, an input with a customer
 * (10 workflows each), a random-looking SKU and, in every 1,000th, a `ticket-<n>` tag; an output
 * with a total. Times are one second apart, ending now.
 */
const LOAD = `INSERT INTO workflows (workflow_id, revision, workflow_name, workflow_version, status,
  correlation_id, create_time, start_time, end_time, update_time, search_text, data)
SELECT id, 1, name, 1, status, corr, t, t, t + 5000, t + 5000,
  concat_ws(E'\\n', id, name, corr, input::text, output::text),
  jsonb_build_object('workflowId', id, 'workflowName', name, 'workflowVersion', 1,
    'status', status, 'correlationId', corr, 'createTime', t, 'startTime', t,
    'endTime', t + 5000, 'updateTime', t + 5000, 'input', input, 'output', output)
FROM generate_series($1::integer, $2::integer) AS i,
  LATERAL (SELECT 'wf-' || lpad(i::text, 9, '0') AS id,
    'order_' || (i % ${NAMES}) AS name,
    CASE WHEN i % 10 = 0 THEN 'FAILED' ELSE 'COMPLETED' END AS status,
    'corr-' || i AS corr,
    $3::bigint - ($4::bigint - i) * 1000 AS t,
    jsonb_build_object('customer', 'cust-' || (i % ${CUSTOMERS}), 'sku', md5(i::text),
      'note', CASE WHEN i % 1000 = 0 THEN 'ticket-' || (i / 1000) ELSE 'routine order' END)
      AS input,
    jsonb_build_object('total', i % 997) AS output) AS r`;

interface Case {
  name: string;
  request: (run: number) => SearchRequest;
}

const pick = (run: number, range: number): number => ((run * 7919) % range) + 1;
const search = (freeText: string, query = ''): SearchRequest => ({
  start: 0,
  size: 20,
  sort: [],
  query: parseSearchQuery(query),
  freeText,
});

const CASES: Case[] = [
  {
    name: 'freeText: a workflow id',
    request: (r) => search(`wf-${String(pick(r, rows)).padStart(9, '0')}`),
  },
  {
    name: 'freeText: a customer (10 hits)',
    request: (r) => search(`cust-${pick(r, CUSTOMERS - 1)}`),
  },
  {
    name: 'freeText: a ticket tag (1 hit)',
    request: (r) => search(`ticket-${pick(r, rows / 1000)}`),
  },
  { name: 'freeText: two terms', request: (r) => search(`cust-${pick(r, CUSTOMERS - 1)} order_*`) },
  {
    name: 'freeText + status = FAILED',
    request: (r) => search(`cust-${(pick(r, CUSTOMERS) * 10) % CUSTOMERS}`, 'status = FAILED'),
  },
  {
    name: 'query: correlationId',
    request: (r) => search('*', `correlationId = corr-${pick(r, rows)}`),
  },
  {
    name: 'query: workflowType AND status',
    request: (r) => search('*', `workflowType = order_${(r * 10) % NAMES} AND status = FAILED`),
  },
  { name: 'freeText: a common word (every row)', request: () => search('routine') },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function load(stores: SqlStores): Promise<{ loadMs: number; indexMs: number }> {
  const db = stores.sql;
  const started = performance.now();
  await db.exec('DROP INDEX IF EXISTS workflows_search_text_trgm');
  const now = Date.now();
  for (let first = 1; first <= rows; first += BATCH) {
    const last = Math.min(rows, first + BATCH - 1);
    await db.query(LOAD, [first, last, now, rows]);
    process.stdout.write(`\rloaded ${last.toLocaleString('en')} / ${rows.toLocaleString('en')}`);
  }
  process.stdout.write('\n');
  const loaded = performance.now();
  await db.exec(`SET maintenance_work_mem = '256MB'`);
  const { rows: ext } = await db.query<{ schema: string }>(
    `SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname = 'pg_trgm'`,
  );
  const opclass = `"${ext[0]?.schema ?? 'public'}".gin_trgm_ops`;
  if (withIndex) {
    await db.exec(
      `CREATE INDEX workflows_search_text_trgm ON workflows USING gin (search_text ${opclass})`,
    );
  }
  const indexed = performance.now();
  await db.exec('VACUUM ANALYZE workflows');
  return { loadMs: loaded - started, indexMs: indexed - loaded };
}

async function main(): Promise<void> {
  const pg = await startPostgres();
  let stores: SqlStores | undefined;
  try {
    stores = await createPostgresStores({ connectionString: pg.url });
    console.log(`Postgres on port ${pg.port}; loading ${rows.toLocaleString('en')} workflows`);
    const { loadMs, indexMs } = await load(stores);
    const { rows: size } = await stores.sql.query<{ table: string; index: string }>(
      `SELECT pg_size_pretty(pg_total_relation_size('workflows')) AS table,
              pg_size_pretty(COALESCE(pg_relation_size(to_regclass('workflows_search_text_trgm')), 0)) AS index`,
    );
    console.log(
      `load ${(loadMs / 1000).toFixed(1)} s, trigram index ${(indexMs / 1000).toFixed(1)} s; ` +
        `workflows ${size[0]?.table} (index ${size[0]?.index})\n`,
    );
    const results = [];
    console.log('| search | hits | p50 ms | p99 ms |');
    console.log('| --- | ---: | ---: | ---: |');
    for (const c of CASES) {
      const times: number[] = [];
      let hits = 0;
      // One warm-up run, then `repeat` timed runs with varying values.
      for (let run = 0; run <= repeat; run++) {
        const started = performance.now();
        const found = await stores.executions.searchWorkflows(c.request(run));
        if (run > 0) times.push(performance.now() - started);
        hits = found.totalHits;
      }
      times.sort((a, b) => a - b);
      const p50 = percentile(times, 50);
      const p99 = percentile(times, 99);
      results.push({ name: c.name, hits, p50Ms: p50, p99Ms: p99 });
      console.log(`| ${c.name} | ${hits} | ${p50.toFixed(1)} | ${p99.toFixed(1)} |`);
    }
    if (values.json) {
      await writeFile(
        values.json,
        JSON.stringify({ rows, repeat, loadMs, indexMs, results }, null, 2),
      );
    }
  } finally {
    await stores?.close();
    await pg.stop();
  }
}

await main();
