import { afterAll, describe, expect, inject, it } from 'vitest';
import { migrate, MIGRATIONS, PgSqlClient } from '@baton/stores';

const schema = `migrate_${process.pid}_${Date.now()}`;
const clients: PgSqlClient[] = [];

function connect(): PgSqlClient {
  const client = new PgSqlClient({ connectionString: inject('databaseUrl'), schema, max: 2 });
  clients.push(client);
  return client;
}

afterAll(async () => {
  await clients[0]?.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await Promise.all(clients.map((client) => client.close()));
});

describe('postgres migrations', () => {
  it('applies every migration exactly once when several servers start at the same time', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => migrate(connect(), { schema })));
    const applied = results.flat();
    expect(applied).toEqual(MIGRATIONS.map((m) => m.version));
    expect(results.filter((r) => r.length === 0)).toHaveLength(3);

    const { rows } = await connect().query<{ version: string }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('is a no-op when the schema is already current', async () => {
    const client = connect();
    expect(await migrate(client, { schema })).toEqual([]);
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::integer AS n FROM information_schema.tables WHERE table_schema = $1`,
      [schema],
    );
    // 0001's eight tables, 0002's event_handlers, 0003's event_executions, 0004's schedules and
    // schedule_executions, 0005's workflow_tests.
    expect(rows[0]?.n).toBe(13);
  });
});
