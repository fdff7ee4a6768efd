/**
 * `/api/scheduler` (Conductor's scheduler API) on a real server: the routes and hostile input on
 * PGlite, the catch-up policy with an injected clock, and two servers on one Redis + Postgres
 * starting each due time once.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRedisPostgresStores } from '@baton/stores';
import type { WorkflowSchedule, WorkflowScheduleExecution } from '@baton/engine';
import { startScheduler } from '../src/background/scheduler.js';
import { createTestApp, register, simpleDef } from './helpers.js';
import type { TestApp } from './helpers.js';

const quiet = { warn() {}, error() {} };

const schedule = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  name,
  cronExpression: '0 0 9 * * MON-FRI',
  zoneId: 'America/New_York',
  startWorkflowRequest: { name: 'sched_wf', input: { a: 1 } },
  ...extra,
});

async function executions(t: TestApp, name: string): Promise<WorkflowScheduleExecution[]> {
  const res = await t.app.inject({
    url: `/api/scheduler/search/executions?size=1000&query=${encodeURIComponent(`scheduleName='${name}'`)}`,
  });
  expect(res.statusCode).toBe(200);
  return (res.json() as { results: WorkflowScheduleExecution[] }).results;
}

describe('the scheduler API on PGlite', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await register(t.app, simpleDef('sched_wf'));
  }, 120_000);
  afterAll(async () => t?.close());

  it('saves, reads, lists, pauses, resumes and deletes a schedule', async () => {
    const saved = await t.app.inject({
      method: 'POST',
      url: '/api/scheduler/schedules',
      payload: schedule('weekday'),
    });
    expect(saved.statusCode).toBe(200);
    const body = saved.json() as WorkflowSchedule;
    expect(body).toMatchObject({ name: 'weekday', paused: false, zoneId: 'America/New_York' });
    // 09:00 in New York on a weekday, in the future.
    const next = new Date(body.nextRunTime!);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect([13, 14]).toContain(next.getUTCHours());
    expect([1, 2, 3, 4, 5]).toContain(next.getUTCDay());

    expect((await t.app.inject({ url: '/api/scheduler/schedules/weekday' })).json()).toEqual(body);
    const list = await t.app.inject({ url: '/api/scheduler/schedules?workflowName=sched_wf' });
    expect((list.json() as WorkflowSchedule[]).map((s) => s.name)).toEqual(['weekday']);
    const other = await t.app.inject({ url: '/api/scheduler/schedules?workflowName=nope' });
    expect(other.json()).toEqual([]);

    // The Orkes SDKs pause with GET, Conductor OSS with PUT.
    const pause = await t.app.inject({
      url: '/api/scheduler/schedules/weekday/pause?reason=maintenance',
    });
    expect(pause.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/scheduler/schedules/weekday' })).json()).toMatchObject({
      paused: true,
      pausedReason: 'maintenance',
    });
    const resume = await t.app.inject({
      method: 'PUT',
      url: '/api/scheduler/schedules/weekday/resume',
    });
    expect(resume.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/scheduler/schedules/weekday' })).json()).toMatchObject({
      paused: false,
      pausedReason: null,
    });

    const del = await t.app.inject({ method: 'DELETE', url: '/api/scheduler/schedules/weekday' });
    expect(del.statusCode).toBe(200);
    const gone = await t.app.inject({ url: '/api/scheduler/schedules/weekday' });
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ code: 'SCHEDULE_NOT_FOUND' });
  });

  it('previews the next due times of an expression in a zone', async () => {
    const start = Date.UTC(2030, 0, 1); // a Tuesday
    const res = await t.app.inject({
      url: `/api/scheduler/nextFewSchedules?cronExpression=${encodeURIComponent('0 30 9 * * MON-FRI')}&scheduleStartTime=${start}&limit=3&zoneId=Europe/Paris`,
    });
    expect(res.statusCode).toBe(200);
    expect((res.json() as number[]).map((ms) => new Date(ms).toISOString())).toEqual([
      '2030-01-01T08:30:00.000Z',
      '2030-01-02T08:30:00.000Z',
      '2030-01-03T08:30:00.000Z',
    ]);
    const many = await t.app.inject({
      url: `/api/scheduler/nextFewSchedules?cronExpression=${encodeURIComponent('* * * * * *')}&limit=50`,
    });
    expect(many.json()).toHaveLength(5);
  });

  it('refuses hostile schedules with 4xx naming the field, storing nothing', async () => {
    const cases: Array<[Record<string, unknown> | string, string]> = [
      [schedule('bad_cron', { cronExpression: 'every day' }), 'schedule.cronExpression'],
      [schedule('five_fields', { cronExpression: '0 9 * * *' }), 'schedule.cronExpression'],
      [schedule('range', { cronExpression: '61 * * * * *' }), 'schedule.cronExpression'],
      [schedule('bad_zone', { zoneId: 'Mars/Olympus' }), 'schedule.zoneId'],
      [
        schedule('no_wf', { startWorkflowRequest: { name: 'not_registered' } }),
        'schedule.startWorkflowRequest.name',
      ],
      [
        schedule('no_version', { startWorkflowRequest: { name: 'sched_wf', version: 9 } }),
        'schedule.startWorkflowRequest.name',
      ],
      [schedule('x'.repeat(300)), 'schedule.name'],
      [schedule('a/b'), 'schedule.name'],
      [
        schedule('ends_early', { scheduleStartTime: 10, scheduleEndTime: 5 }),
        'schedule.scheduleEndTime',
      ],
    ];
    for (const [payload, path] of cases) {
      const res = await t.app.inject({ method: 'POST', url: '/api/scheduler/schedules', payload });
      expect(res.statusCode, path).toBe(400);
      const err = res.json() as { code: string; validationErrors: { path: string }[] };
      expect(err.code).toBe('SCHEDULE_INVALID');
      expect(err.validationErrors.map((e) => e.path)).toContain(path);
    }
    const notObject = await t.app.inject({
      method: 'POST',
      url: '/api/scheduler/schedules',
      payload: '[1,2]',
      headers: { 'content-type': 'application/json' },
    });
    expect(notObject.statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/scheduler/schedules' })).json()).toEqual([]);

    const preview = await t.app.inject({
      url: '/api/scheduler/nextFewSchedules?cronExpression=nonsense',
    });
    expect(preview.statusCode).toBe(400);
    expect(preview.json()).toMatchObject({ code: 'SCHEDULE_INVALID' });
    const negative = await t.app.inject({
      url: '/api/scheduler/nextFewSchedules?cronExpression=*&limit=-1',
    });
    expect(negative.statusCode).toBe(400);
    const query = await t.app.inject({
      url: `/api/scheduler/search/executions?query=${encodeURIComponent('1=1; DROP TABLE schedules')}`,
    });
    expect(query.statusCode).toBe(400);
    for (const url of ['pause', 'resume']) {
      const res = await t.app.inject({ url: `/api/scheduler/schedules/absent/${url}` });
      expect(res.statusCode).toBe(404);
    }
    expect(
      (await t.app.inject({ method: 'DELETE', url: '/api/scheduler/schedules/absent' })).statusCode,
    ).toBe(404);
  });

  it('starts a due time with the scheduled time in the input, and records it', async () => {
    const name = `every_minute_${randomUUID().slice(0, 8)}`;
    const base = Date.UTC(2031, 5, 1, 12, 0, 0);
    await t.stores.schedules.saveSchedule({
      ...(schedule(name, { cronExpression: '0 * * * * *', zoneId: 'UTC' }) as WorkflowSchedule),
      nextRunTime: base,
    });
    let now = base + 1500;
    const scheduler = startScheduler(
      { executor: t.executor, schedules: t.stores.schedules, log: quiet },
      { now: () => now, intervalMs: 3_600_000 },
    );
    try {
      expect(await scheduler.runOnce()).toBe(1);
      expect(await scheduler.runOnce()).toBe(0); // the pointer moved to the next minute
      const [record] = await executions(t, name);
      expect(record).toMatchObject({
        scheduledTime: base,
        state: 'EXECUTED',
        workflowName: 'sched_wf',
      });
      const wf = (await t.app.inject({ url: `/api/workflow/${record!.workflowId}` })).json();
      expect(wf.input).toMatchObject({ a: 1, scheduledTime: base });
      now = base + 60_000;
      expect(await scheduler.runOnce()).toBe(1);
      expect((await executions(t, name)).map((r) => r.scheduledTime)).toEqual([
        base + 60_000,
        base,
      ]);
    } finally {
      await scheduler.stop();
    }
  });

  it('records a start that fails (its definition removed) as FAILED with the reason', async () => {
    await register(t.app, simpleDef('sched_gone'));
    const name = `fails_${randomUUID().slice(0, 8)}`;
    const base = Date.UTC(2031, 5, 1, 12, 0, 0);
    await t.stores.schedules.saveSchedule({
      ...(schedule(name, {
        cronExpression: '0 * * * * *',
        startWorkflowRequest: { name: 'sched_gone' },
      }) as WorkflowSchedule),
      nextRunTime: base,
    });
    await t.app.inject({ method: 'DELETE', url: '/api/metadata/workflow/sched_gone/1' });
    const scheduler = startScheduler(
      { executor: t.executor, schedules: t.stores.schedules, log: quiet },
      { now: () => base + 10, intervalMs: 3_600_000 },
    );
    try {
      await scheduler.runOnce();
      const [record] = await executions(t, name);
      expect(record).toMatchObject({ state: 'FAILED', scheduledTime: base });
      expect(record!.reason).toMatch(/sched_gone/);
    } finally {
      await scheduler.stop();
    }
  });

  it('after downtime: without catch-up skips the missed due times, with it starts the latest ones (capped)', async () => {
    const base = Date.UTC(2031, 5, 1, 12, 0, 0);
    const [skip, catchUp] = [
      `skip_${randomUUID().slice(0, 8)}`,
      `catch_${randomUUID().slice(0, 8)}`,
    ];
    for (const [name, runCatchupScheduleInstances] of [
      [skip, false],
      [catchUp, true],
    ] as const) {
      await t.stores.schedules.saveSchedule({
        ...(schedule(name, {
          cronExpression: '0 * * * * *',
          runCatchupScheduleInstances,
        }) as WorkflowSchedule),
        nextRunTime: base,
      });
    }
    // The servers were down from 12:00 to 12:10:30: eleven due times were missed.
    const now = base + 10 * 60_000 + 30_000;
    const scheduler = startScheduler(
      { executor: t.executor, schedules: t.stores.schedules, log: quiet },
      { now: () => now, intervalMs: 3_600_000, catchUpMax: 4, graceMs: 10_000 },
    );
    try {
      await scheduler.runOnce();
      expect(await executions(t, skip)).toEqual([]);
      expect((await executions(t, catchUp)).map((r) => (r.scheduledTime - base) / 60_000)).toEqual([
        10, 9, 8, 7,
      ]);
      const pointers = await Promise.all(
        [skip, catchUp].map((n) => t.stores.schedules.getSchedule(n)),
      );
      expect(pointers.map((s) => s?.nextRunTime)).toEqual([base + 11 * 60_000, base + 11 * 60_000]);
    } finally {
      await scheduler.stop();
    }
  });
});

describe('two servers on one Redis + Postgres', () => {
  const apps: TestApp[] = [];
  beforeAll(async () => {
    const suffix = randomUUID().replace(/-/g, '').slice(0, 12);
    for (let i = 0; i < 2; i++) {
      const stores = await createRedisPostgresStores({
        redis: inject('redisUrl'),
        databaseUrl: inject('databaseUrl'),
        schema: `sched_${suffix}`,
        keyPrefix: `sched-${suffix}:`,
      });
      apps.push(
        await createTestApp(
          { background: { sweepIntervalMs: 200 }, scheduler: { intervalMs: 50 } },
          stores,
        ),
      );
    }
    await register(apps[0]!.app, simpleDef('sched_wf'));
  }, 300_000);
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
  });

  it('starts each due time once, whichever server gets there first', async () => {
    const name = `every_second_${randomUUID().slice(0, 8)}`;
    const [a, b] = apps as [TestApp, TestApp];
    const saved = await a.app.inject({
      method: 'POST',
      url: '/api/scheduler/schedules',
      payload: schedule(name, { cronExpression: '* * * * * *', zoneId: 'UTC' }),
    });
    expect(saved.statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect((await b.app.inject({ url: `/api/scheduler/schedules/${name}/pause` })).statusCode).toBe(
      200,
    );
    await new Promise((resolve) => setTimeout(resolve, 300)); // a pass in flight finishes

    const records = await executions(b, name);
    const times = records.map((r) => r.scheduledTime);
    expect(records.length).toBeGreaterThanOrEqual(2);
    expect(new Set(times).size).toBe(times.length);
    expect(records.every((r) => r.state === 'EXECUTED')).toBe(true);
    const ids = records.map((r) => r.workflowId);
    expect(new Set(ids).size).toBe(ids.length);
    // The workflows exist, one per due time, each saying which due time it is for.
    for (const record of records) {
      const wf = (await a.app.inject({ url: `/api/workflow/${record.workflowId}` })).json();
      expect(wf.input.scheduledTime).toBe(record.scheduledTime);
    }
  });

  it('raced by hand, each due time of a catch-up is claimed by one of the two servers', async () => {
    const name = `raced_${randomUUID().slice(0, 8)}`;
    const [a, b] = apps as [TestApp, TestApp];
    const base = Date.UTC(2032, 0, 1);
    await a.stores.schedules.saveSchedule({
      ...(schedule(name, {
        cronExpression: '*/10 * * * * *',
        runCatchupScheduleInstances: true,
        paused: false,
      }) as WorkflowSchedule),
      nextRunTime: base,
    });
    const now = () => base + 95_000;
    const schedulers = [a, b].map((t) =>
      startScheduler(
        { executor: t.executor, schedules: t.stores.schedules, log: quiet },
        { now, intervalMs: 3_600_000, catchUpMax: 100 },
      ),
    );
    try {
      // Each scheduler's own first pass runs too: four passes race for the same due times.
      await Promise.all(schedulers.map((s) => s.runOnce()));
      const times = (await executions(a, name)).map((r) => (r.scheduledTime - base) / 1000);
      expect(times).toEqual([90, 80, 70, 60, 50, 40, 30, 20, 10, 0]);
    } finally {
      await Promise.all(schedulers.map((s) => s.stop()));
    }
  });
});
