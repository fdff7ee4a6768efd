/**
 * Conductor's metric names on `/metrics` of a real server (embedded store and Redis + Postgres),
 * and the Grafana dashboard in docs/: every query names a metric the server exposes.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createRedisPostgresStores } from '@baton/stores';
import type { Task } from '@baton/engine';
import { createTestApp, openPgliteStores } from './helpers.js';
import type { TestApp } from './helpers.js';

const DASHBOARD = resolve(import.meta.dirname, '../../../docs/grafana-dashboard.json');
const apps: TestApp[] = [];
afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
});

const stores = {
  pglite: () => openPgliteStores(),
  'redis+postgres': () => {
    const suffix = randomUUID().replace(/-/g, '').slice(0, 12);
    return createRedisPostgresStores({
      redis: inject('redisUrl'),
      databaseUrl: inject('databaseUrl'),
      schema: `metrics_${suffix}`,
      keyPrefix: `metrics-${suffix}:`,
      indexIntervalMs: 50,
    });
  },
};

/** Metric families named by `# TYPE` lines, with the sample names each one exposes. */
function exposed(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const m = /^# TYPE (\S+) (\S+)/.exec(line);
    if (!m) continue;
    const [, name, type] = m;
    names.add(name!);
    if (type === 'histogram') for (const s of ['_bucket', '_sum', '_count']) names.add(name + s);
  }
  return names;
}

/** The value of the sample `name{labels}` (labels in any order), or undefined. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    // An unlabelled sample is `name value`.
    if (line.startsWith(`${name} `) && Object.keys(labels).length === 0) {
      return Number(line.slice(name.length + 1));
    }
    if (!line.startsWith(`${name}{`)) continue;
    const inside = line.slice(name.length + 1, line.lastIndexOf('}'));
    const have = Object.fromEntries(
      [...inside.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) {
      return Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return undefined;
}

describe.each(Object.keys(stores) as Array<keyof typeof stores>)('metrics on %s', (kind) => {
  it("exposes Conductor's metric names with their labels", async () => {
    const t = await createTestApp(
      { background: { sweepIntervalMs: 100, systemTaskIntervalMs: 50 } },
      await stores[kind](),
    );
    apps.push(t);
    await t.app.inject({
      method: 'POST',
      url: '/api/metadata/taskdefs',
      payload: [
        { name: 'cm_task', retryCount: 0, responseTimeoutSeconds: 60, ownerEmail: 'a@b.c' },
        { name: 'cm_slow', retryCount: 0, responseTimeoutSeconds: 1, ownerEmail: 'a@b.c' },
      ],
    });
    for (const [name, task] of [
      ['cm_flow', 'cm_task'],
      ['cm_timeout', 'cm_slow'],
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/metadata/workflow',
        payload: {
          name,
          version: 3,
          schemaVersion: 2,
          ownerEmail: 'a@b.c',
          tasks: [{ name: task, taskReferenceName: `${task}_ref` }],
        },
      });
      expect(res.statusCode).toBe(200);
    }
    const start = async (name: string) =>
      (await t.app.inject({ method: 'POST', url: '/api/workflow', payload: { name } })).body;
    await start('cm_flow');
    await start('cm_flow');
    const timedOut = await start('cm_timeout');
    const [task] = (
      await t.app.inject({ url: '/api/tasks/poll/batch/cm_task?timeout=2000' })
    ).json() as Task[];
    await t.app.inject({
      method: 'POST',
      url: '/api/tasks',
      payload: {
        workflowInstanceId: task!.workflowInstanceId,
        taskId: task!.taskId,
        status: 'COMPLETED',
      },
    });
    await t.app.inject({ url: '/api/tasks/poll/batch/cm_slow?timeout=2000' });
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const wf = (await t.app.inject({ url: `/api/workflow/${timedOut}` })).json();
      if (wf.status === 'TIMED_OUT') break;
      await new Promise((r) => setTimeout(r, 100));
    }

    const text = (await t.app.inject({ url: '/metrics' })).body;
    const flow = { workflowName: 'cm_flow', ownerApp: 'unknown' };
    expect(sample(text, 'workflow_start_success_total', { ...flow, version: '3' })).toBe(2);
    expect(sample(text, 'workflow_running', flow)).toBe(1);
    expect(sample(text, 'task_queue_depth', { taskType: 'cm_task', ownerApp: 'unknown' })).toBe(1);
    expect(sample(text, 'task_poll_total', { taskType: 'cm_task' })).toBe(1);
    expect(
      sample(text, 'task_poll_count_total', { taskType: 'cm_task', domain: 'NO_DOMAIN' }),
    ).toBe(1);
    expect(
      sample(text, 'task_execution_seconds_count', {
        taskType: 'cm_task',
        includeRetries: 'false',
        status: 'COMPLETED',
      }),
    ).toBe(1);
    expect(sample(text, 'task_queue_wait_seconds_count', { taskType: 'cm_task' })).toBe(1);
    expect(sample(text, 'task_timeout_total', { taskType: 'cm_slow' })).toBe(1);
    expect(
      sample(text, 'workflow_failure_total', {
        workflowName: 'cm_timeout',
        status: 'TIMED_OUT',
        ownerApp: 'unknown',
      }),
    ).toBe(1);
    expect(
      sample(text, 'workflow_execution_seconds_count', {
        workflowName: 'cm_timeout',
        ownerApp: 'unknown',
      }),
    ).toBe(1);

    // The engine's counts of redone work (issue 20): the poll and update above each started from
    // the task table the previous operation kept; nothing conflicted in this sequential run.
    expect(sample(text, 'baton_hot_table_hits_total', {})).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'baton_execution_conflicts_total', {})).toBe(0);
    expect(sample(text, 'baton_execution_stale_copy_retries_total', {})).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'baton_hot_table_misses_total', {})).toBeGreaterThanOrEqual(0);

    // The dashboard: every query names at least one metric, and each one is exposed.
    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as {
      panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
    };
    const names = exposed(text);
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((x) => x.expr));
    expect(exprs.length).toBeGreaterThan(10);
    const missing: string[] = [];
    for (const expr of exprs) {
      const used = [...expr.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\{/g)].map((m) => m[1]!);
      expect(used.length, expr).toBeGreaterThan(0);
      for (const name of used) if (!names.has(name)) missing.push(`${name} (in ${expr})`);
    }
    expect(missing).toEqual([]);
  });
});

describe('poll labels', () => {
  it('count polls of unregistered task types under one label so invented names cannot grow the registry', async () => {
    const t = await createTestApp({});
    apps.push(t);
    await t.app.inject({
      method: 'POST',
      url: '/api/metadata/taskdefs',
      payload: [{ name: 'known_type', responseTimeoutSeconds: 60, timeoutSeconds: 120 }],
    });
    for (let i = 0; i < 1005; i++) {
      await t.app.inject({ url: `/api/tasks/poll/batch/made_up_${i}?timeout=0` });
    }
    await t.app.inject({ url: '/api/tasks/poll/batch/known_type?timeout=0' });
    const text = (await t.app.inject({ url: '/metrics' })).body;
    const lines = text.split('\n').filter((l) => l.startsWith('task_poll_total{'));
    expect(lines).toHaveLength(2);
    expect(sample(text, 'task_poll_total', { taskType: '_other' })).toBe(1005);
    expect(sample(text, 'task_poll_total', { taskType: 'known_type' })).toBe(1);
  });
});
