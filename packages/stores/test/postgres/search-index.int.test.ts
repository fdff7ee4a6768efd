/**
 * Free-text search reads the trigram index of migration 0004: on real Postgres the planner picks
 * it by itself at 100,000 rows; on PGlite (loaded with fewer rows, inserts into it are slow) it is
 * shown to serve the query once sequential scans are ruled out. Answers are checked on both.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseSearchQuery, type SearchRequest } from '@baton/engine';
import {
  createPgliteStores,
  createPostgresStores,
  toSearchSql,
  type SqlStores,
} from '@baton/stores';

const schema = `search_index_${process.pid}_${Date.now()}`;
/** Rows per store: the planner's own choice needs a real table; PGlite only needs the index. */
const ROWS = { postgres: 100_000, pglite: 3_000 };
let postgres: SqlStores;
let pglite: SqlStores;

/** Archived workflows; `needle-<n>>` appears in the input of every 1,000th. */
const LOAD = `INSERT INTO workflows (workflow_id, revision, workflow_name, workflow_version, status,
  correlation_id, create_time, start_time, end_time, update_time, search_text, data)
SELECT id, 1, 'order_' || (i % 20), 1, 'COMPLETED', 'corr-' || i, i, i, i + 10, i + 10,
  concat_ws(E'\\n', id, 'order_' || (i % 20), 'corr-' || i, input::text),
  jsonb_build_object('workflowId', id, 'workflowName', 'order_' || (i % 20), 'workflowVersion', 1,
    'status', 'COMPLETED', 'correlationId', 'corr-' || i, 'startTime', i, 'input', input)
FROM generate_series(1, $1::integer) AS i,
  LATERAL (SELECT 'wf-' || lpad(i::text, 8, '0') AS id,
    jsonb_build_object('sku', md5(i::text),
      'tag', CASE WHEN i % 1000 = 0 THEN 'needle-' || (i / 1000) || '>' ELSE 'hay' END) AS input) AS r`;

function request(freeText: string, query = ''): SearchRequest {
  return { start: 0, size: 10, sort: [], query: parseSearchQuery(query), freeText };
}

async function plan(stores: SqlStores, search: SearchRequest, noSeqScan: boolean): Promise<string> {
  const { where, orderBy, params } = toSearchSql('workflow', search);
  // PGlite has one connection: the setting is set and reset around this one statement.
  if (noSeqScan) await stores.sql.exec('SET enable_seqscan = off');
  try {
    const { rows } = await stores.sql.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT w.data FROM workflows w WHERE ${where} ORDER BY ${orderBy} LIMIT 10`,
      params,
    );
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  } finally {
    if (noSeqScan) await stores.sql.exec('RESET enable_seqscan');
  }
}

beforeAll(async () => {
  postgres = await createPostgresStores({ connectionString: inject('databaseUrl'), schema });
  pglite = await createPgliteStores();
  for (const [stores, rows] of [
    [postgres, ROWS.postgres],
    [pglite, ROWS.pglite],
  ] as const) {
    await stores.sql.query(LOAD, [rows]);
    await stores.sql.exec('ANALYZE workflows');
  }
});

afterAll(async () => {
  await postgres.sql.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await Promise.all([postgres.close(), pglite.close()]);
});

describe.each([
  ['postgres', () => postgres, false],
  ['pglite', () => pglite, true],
])('free-text search index (%s)', (_name, stores, noSeqScan) => {
  it('reads the trigram index for a free-text term', async () => {
    const explained = await plan(stores(), request('needle-2'), noSeqScan);
    expect(explained).toContain('Bitmap Index Scan on workflows_search_text_trgm');
  });

  it('finds the one matching workflow, case-insensitively and with wildcards', async () => {
    const found = await stores().executions.searchWorkflows(request('NEEDLE-2>'));
    expect(found.totalHits).toBe(1);
    expect(found.results.map((w) => w.workflowId)).toEqual(['wf-00002000']);
    const wild = await stores().executions.searchWorkflows(request('nee*le-3>'));
    expect(wild.results.map((w) => w.workflowId)).toEqual(['wf-00003000']);
  });

  it('treats LIKE characters in a term as literal text (hostile input)', async () => {
    for (const term of ['%', 'a_b', 'needle\\', "'; DROP TABLE workflows; --"]) {
      const found = await stores().executions.searchWorkflows(request(term));
      expect(found.totalHits).toBe(0);
    }
    expect((await stores().executions.searchWorkflows(request('needle-1>'))).totalHits).toBe(1);
  });
});

describe('free-text search index (postgres, planner)', () => {
  it('picks it for a free-text term combined with an unselective field condition', async () => {
    const explained = await plan(postgres, request('needle-2', 'status = COMPLETED'), false);
    expect(explained).toContain('Bitmap Index Scan on workflows_search_text_trgm');
  });
});
