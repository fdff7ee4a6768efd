/**
 * ScheduleStore conformance: the same answers and error codes on every adapter, and the claim
 * that makes each due time run once. Names are unique per test, as tests share one database.
 * @module
 */
import { describe, expect, it } from 'vitest';
import type { WorkflowSchedule, WorkflowScheduleExecution } from '../../model/workflow-schedule.js';
import type { ScheduleStore } from '../../ports/schedule-store.js';
import { errorCodeOf, uniqueName, type ConformanceStores } from './fixtures.js';

const schedule = (
  name: string,
  workflow: string,
  nextRunTime: number | null,
): WorkflowSchedule => ({
  name,
  cronExpression: '0 * * * * *',
  zoneId: 'Europe/Paris',
  startWorkflowRequest: { name: workflow, input: { text: 'it\'s \u00e9 "quoted" \\ back' } },
  paused: false,
  runCatchupScheduleInstances: false,
  createTime: 1,
  updatedTime: 2,
  nextRunTime,
});

const execution = (
  scheduleName: string,
  scheduledTime: number,
  executionId = uniqueName('exec'),
): WorkflowScheduleExecution => ({
  executionId,
  scheduleName,
  scheduledTime,
  executionTime: scheduledTime + 5,
  workflowName: 'w',
  state: 'POLLED',
});

export function describeScheduleConformance(stores: () => ConformanceStores): void {
  const schedules = (): ScheduleStore => {
    const store = stores().schedules;
    if (!store) throw new Error('this adapter has no schedule store');
    return store;
  };

  describe('schedules', () => {
    it('saves, replaces, lists by workflow, pauses and removes', async () => {
      const workflow = uniqueName('wf');
      const [a, b] = [uniqueName('sa'), uniqueName('sb')];
      await schedules().saveSchedule(schedule(a, workflow, 1000));
      await schedules().saveSchedule(schedule(b, uniqueName('other'), 2000));
      expect(await schedules().getSchedule(a)).toEqual(schedule(a, workflow, 1000));
      expect(await schedules().getSchedule(uniqueName('absent'))).toBeNull();
      expect((await schedules().listSchedules(workflow)).map((s) => s.name)).toEqual([a]);
      const all = (await schedules().listSchedules()).map((s) => s.name);
      expect(all).toEqual(expect.arrayContaining([a, b]));
      await schedules().saveSchedule({ ...schedule(a, workflow, 3000), description: 'changed' });
      expect((await schedules().getSchedule(a))?.description).toBe('changed');
      await schedules().setPaused(a, { paused: true, pausedReason: 'why', updatedTime: 9 });
      const paused = await schedules().getSchedule(a);
      expect(paused).toMatchObject({ paused: true, pausedReason: 'why', nextRunTime: 3000 });
      await schedules().setPaused(a, {
        paused: false,
        pausedReason: null,
        updatedTime: 10,
        nextRunTime: 5000,
      });
      expect(await schedules().getSchedule(a)).toMatchObject({ paused: false, nextRunTime: 5000 });
      await schedules().removeSchedule(a);
      expect(await schedules().getSchedule(a)).toBeNull();
    });

    it('raises SCHEDULE_NOT_FOUND for an absent name', async () => {
      const absent = uniqueName('absent');
      expect(await errorCodeOf(schedules().removeSchedule(absent))).toBe('SCHEDULE_NOT_FOUND');
      expect(
        await errorCodeOf(
          schedules().setPaused(absent, { paused: true, pausedReason: null, updatedTime: 1 }),
        ),
      ).toBe('SCHEDULE_NOT_FOUND');
    });

    it('lists due unpaused schedules and advances a pointer once', async () => {
      const base = 5_000_000;
      const workflow = uniqueName('wf');
      const [due, later, paused] = [uniqueName('due'), uniqueName('later'), uniqueName('paused')];
      await schedules().saveSchedule(schedule(due, workflow, base));
      await schedules().saveSchedule(schedule(later, workflow, base + 10_000));
      await schedules().saveSchedule({ ...schedule(paused, workflow, base), paused: true });
      const names = (await schedules().dueSchedules(base + 1, 10_000)).map((s) => s.name);
      expect(names).toContain(due);
      expect(names).not.toContain(later);
      expect(names).not.toContain(paused);
      expect(await schedules().advanceSchedule(due, base, base + 60_000)).toBe(true);
      expect(await schedules().advanceSchedule(due, base, base + 60_000)).toBe(false);
      expect((await schedules().getSchedule(due))?.nextRunTime).toBe(base + 60_000);
      expect(await schedules().advanceSchedule(later, base + 10_000, null)).toBe(true);
      expect((await schedules().getSchedule(later))?.nextRunTime).toBeNull();
    });

    it('claims each (schedule, due time) once, even when raced', async () => {
      const name = uniqueName('claim');
      const claims = await Promise.all(
        Array.from({ length: 8 }, () => schedules().claimExecution(execution(name, 60_000))),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await schedules().claimExecution(execution(name, 120_000))).toBe(true);
      const page = await schedules().searchExecutions({ scheduleName: name, start: 0, size: 10 });
      expect(page.totalHits).toBe(2);
      expect(page.results.map((r) => r.scheduledTime)).toEqual([120_000, 60_000]);
    });

    it('updates records and finds them by name, workflow or state', async () => {
      const name = uniqueName('rec');
      const record = execution(name, 1000, uniqueName('id'));
      await schedules().claimExecution(record);
      const done = { ...record, state: 'EXECUTED' as const, workflowId: 'wf-1', reason: "o'k" };
      await schedules().updateExecution(done);
      const page = await schedules().searchExecutions({ text: name, start: 0, size: 5 });
      expect(page).toEqual({ totalHits: 1, results: [done] });
      const none = await schedules().searchExecutions({ text: uniqueName('x'), start: 0, size: 5 });
      expect(none.totalHits).toBe(0);
    });
  });
}
