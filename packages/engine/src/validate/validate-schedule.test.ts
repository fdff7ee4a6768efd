import { describe, expect, it } from 'vitest';
import { validateSchedule, type CronCheck } from './validate-schedule.js';

const check: CronCheck = {
  cronProblem: (e) => (e === 'bad' ? 'cronExpression is not a valid cron expression' : null),
  zoneProblem: (z) => (z === 'Mars/Olympus' ? 'zoneId is not a known time zone' : null),
};
const ok = {
  name: 'nightly',
  cronExpression: '0 0 2 * * ?',
  zoneId: 'Europe/Paris',
  startWorkflowRequest: { name: 'report', version: 1, input: { a: 1 } },
};
const paths = (value: unknown) => validateSchedule(value, check).map((i) => i.path);

describe('validateSchedule', () => {
  it('accepts a complete schedule and one without a zone', () => {
    expect(validateSchedule(ok, check)).toEqual([]);
    const { zoneId: _zone, ...utc } = ok;
    expect(
      validateSchedule({ ...utc, paused: true, scheduleStartTime: 5, scheduleEndTime: 9 }, check),
    ).toEqual([]);
  });

  it('names the field of each bad part', () => {
    expect(paths(null)).toEqual(['']);
    expect(paths({})).toEqual(['name', 'cronExpression', 'startWorkflowRequest']);
    expect(paths({ ...ok, cronExpression: 'bad' })).toEqual(['cronExpression']);
    expect(paths({ ...ok, zoneId: 'Mars/Olympus' })).toEqual(['zoneId']);
    expect(paths({ ...ok, zoneId: 7 })).toEqual(['zoneId']);
    expect(paths({ ...ok, name: 'x'.repeat(256) })).toEqual(['name']);
    expect(paths({ ...ok, name: 'a/b' })).toEqual(['name']);
    expect(paths({ ...ok, name: 'a\u0000b' })).toEqual(['name']);
    expect(paths({ ...ok, cronExpression: '*'.repeat(300) })).toEqual(['cronExpression']);
    expect(paths({ ...ok, startWorkflowRequest: { version: 0 } })).toEqual([
      'startWorkflowRequest.name',
      'startWorkflowRequest.version',
    ]);
    expect(paths({ ...ok, paused: 'yes', runCatchupScheduleInstances: 1 })).toEqual([
      'paused',
      'runCatchupScheduleInstances',
    ]);
    expect(paths({ ...ok, scheduleStartTime: 10, scheduleEndTime: 5 })).toEqual([
      'scheduleEndTime',
    ]);
  });
});
