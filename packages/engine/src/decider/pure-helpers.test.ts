import { describe, expect, it } from 'vitest';
import type { Task } from '../model/task.js';
import type { Workflow } from '../model/workflow.js';
import { nextDecideDelayMs } from './decider-delay.js';
import { childSuffix, iterationOf, suffixOf, withSuffix } from './refs.js';
import { retryDelaySeconds } from './retry.js';
import { caseKey } from './tasks/switch.js';
import { parseDuration, parseUntil } from './tasks/wait.js';

describe('retryDelaySeconds', () => {
  it.each([
    [{ name: 'x' }, 0, 60],
    [
      { name: 'x', retryDelaySeconds: 2, retryLogic: 'LINEAR_BACKOFF', backoffScaleFactor: 3 },
      2,
      18,
    ],
    [{ name: 'x', retryDelaySeconds: 1, retryLogic: 'EXPONENTIAL_BACKOFF' }, 3, 8],
    [{ name: 'x', retryDelaySeconds: 1, retryLogic: 'EXPONENTIAL_BACKOFF' }, 40, 2_147_483_647],
    [
      {
        name: 'x',
        retryDelaySeconds: 10,
        retryLogic: 'EXPONENTIAL_BACKOFF',
        maxRetryDelaySeconds: 25,
      },
      2,
      25,
    ],
  ] as const)('computes %j after attempt %i as %i seconds', (def, attempt, expected) => {
    expect(retryDelaySeconds(def, attempt)).toBe(expected);
  });
});

describe('loop suffixes', () => {
  it('composes suffixes for nested loops', () => {
    expect([suffixOf('a__2_3'), suffixOf('a'), withSuffix('a', ''), withSuffix('a', '1')]).toEqual([
      '2_3',
      '',
      'a',
      'a__1',
    ]);
    expect([
      childSuffix('loop', 2),
      childSuffix('inner__2', 3),
      iterationOf('2_3'),
      iterationOf(''),
    ]).toEqual(['2', '2_3', 3, 0]);
  });
});

describe('caseKey', () => {
  it.each([
    [null, 'null'],
    [true, 'true'],
    [1, '1'],
    [1.5, '1.5'],
    ['x', 'x'],
  ])('turns %j into %s', (value, key) => {
    expect(caseKey(value)).toBe(key);
  });
});

describe('WAIT inputs', () => {
  it.each([
    ['30s', 30],
    ['5m', 300],
    ['1h 30m', 5400],
    ['2 days', 172_800],
    ['10 mins', 600],
    ['nothing', null],
  ])('parses duration %s', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each([
    ['2026-01-02', Date.UTC(2026, 0, 2)],
    ['2026-01-02 10:30', Date.UTC(2026, 0, 2, 10, 30)],
    ['2026-01-02 10:30 GMT+02:00', Date.UTC(2026, 0, 2, 8, 30)],
    ['tomorrow', null],
  ])('parses until %s', (text, ms) => {
    expect(parseUntil(text)).toBe(ms);
  });
});

describe('nextDecideDelayMs', () => {
  const wf = (tasks: Partial<Task>[], extra: Partial<Workflow> = {}): Workflow =>
    ({
      status: 'RUNNING',
      createTime: 0,
      tasks,
      workflowDefinition: { name: 'x', tasks: [] },
      ...extra,
    }) as Workflow;

  it('uses the earliest deadline, else the offset, and null unless RUNNING', () => {
    expect(nextDecideDelayMs(wf([]), 0, 30_000)).toBe(30_000);
    expect(
      nextDecideDelayMs(
        wf([
          { taskType: 'WAIT', status: 'IN_PROGRESS', waitTimeout: 5_000, callbackAfterSeconds: 0 },
        ]),
        0,
        30_000,
      ),
    ).toBe(5_000);
    const inProgress = {
      taskType: 'a',
      status: 'IN_PROGRESS',
      updateTime: 0,
      startTime: 0,
      responseTimeoutSeconds: 10,
      callbackAfterSeconds: 0,
      taskDefinition: { name: 'a' },
    } as const;
    expect(nextDecideDelayMs(wf([inProgress]), 0, 30_000)).toBe(10_000);
    expect(
      nextDecideDelayMs(
        wf([], {
          workflowDefinition: {
            name: 'x',
            tasks: [],
            timeoutSeconds: 3,
            timeoutPolicy: 'TIME_OUT_WF',
          },
        }),
        1_000,
        30_000,
      ),
    ).toBe(2_000);
    expect(nextDecideDelayMs(wf([], { status: 'PAUSED' }), 0, 30_000)).toBeNull();
  });

  // Issue 14 §1: a passed deadline nothing acts on made the delay 0 for ever.
  describe('leaves out deadlines the decider never acts on', () => {
    const worker = (policy: 'ALERT_ONLY' | 'RETRY', extra: Partial<Task> = {}): Partial<Task> => ({
      taskType: 'a',
      status: 'IN_PROGRESS',
      startTime: 1_000,
      updateTime: 50_000,
      scheduledTime: 1_000,
      responseTimeoutSeconds: 3600,
      callbackAfterSeconds: 0,
      taskDefinition: { name: 'a', timeoutSeconds: 1, timeoutPolicy: policy },
      ...extra,
    });

    it('an ALERT_ONLY timeoutSeconds once it has passed (also while the task keeps reporting in)', () => {
      expect(nextDecideDelayMs(wf([worker('ALERT_ONLY')]), 60_000, 30_000)).toBe(30_000);
      // Until then it is due at its deadline, where the decide reports it.
      expect(nextDecideDelayMs(wf([worker('ALERT_ONLY')]), 1_500, 30_000)).toBe(500);
      // The same task under RETRY is overdue: decide now.
      expect(nextDecideDelayMs(wf([worker('RETRY')]), 60_000, 30_000)).toBe(0);
    });

    it('an ALERT_ONLY pollTimeoutSeconds that has passed', () => {
      const polled = (policy: 'ALERT_ONLY' | 'RETRY') =>
        worker(policy, {
          status: 'SCHEDULED',
          startTime: 0,
          taskDefinition: { name: 'a', pollTimeoutSeconds: 1, timeoutPolicy: policy },
        });
      expect(nextDecideDelayMs(wf([polled('ALERT_ONLY')]), 60_000, 30_000)).toBe(30_000);
      expect(nextDecideDelayMs(wf([polled('RETRY')]), 60_000, 30_000)).toBe(0);
    });

    it("a SUB_WORKFLOW's responseTimeoutSeconds from its registered TaskDef", () => {
      const sub: Partial<Task> = {
        taskType: 'SUB_WORKFLOW',
        workflowTask: { name: 'child', taskReferenceName: 'c', type: 'SUB_WORKFLOW' },
        status: 'IN_PROGRESS',
        startTime: 1_000,
        updateTime: 1_000,
        responseTimeoutSeconds: 1,
        callbackAfterSeconds: 0,
        taskDefinition: { name: 'child', responseTimeoutSeconds: 1 },
      };
      expect(nextDecideDelayMs(wf([sub]), 60_000, 30_000)).toBe(30_000);
    });

    it('an ALERT_ONLY workflow timeout (the default policy)', () => {
      const def = { name: 'x', tasks: [], timeoutSeconds: 1 };
      expect(nextDecideDelayMs(wf([], { workflowDefinition: def }), 60_000, 30_000)).toBe(30_000);
    });
  });
});
