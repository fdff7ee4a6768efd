import { describe, expect, it } from 'vitest';
import { validateTaskDef } from './validate-task-def.js';

describe('validateTaskDef', () => {
  it('accepts a minimal and a complete TaskDef', () => {
    expect(validateTaskDef({ name: 'get_bread' })).toEqual([]);
    expect(
      validateTaskDef({
        name: 'charge',
        retryCount: 0,
        retryLogic: 'EXPONENTIAL_BACKOFF',
        retryDelaySeconds: 5,
        backoffScaleFactor: 2,
        timeoutSeconds: 120,
        responseTimeoutSeconds: 60,
        totalTimeoutSeconds: 600,
        pollTimeoutSeconds: null,
        timeoutPolicy: 'RETRY',
        concurrentExecLimit: 10,
        rateLimitPerFrequency: 0,
        rateLimitFrequencyInSeconds: 1,
        inputKeys: ['a'],
        outputKeys: [],
        inputTemplate: { a: 1 },
      }),
    ).toEqual([]);
  });

  it.each<[string, unknown, string, string]>([
    ['a non-object', 'x', '', 'TaskDef must be a JSON object'],
    ['a missing name', {}, 'name', 'TaskDef name cannot be null or empty'],
    ['a blank name', { name: ' ' }, 'name', 'TaskDef name cannot be null or empty'],
    [
      'a negative retryCount',
      { name: 'a', retryCount: -1 },
      'retryCount',
      'TaskDef retryCount: -1 must be >= 0',
    ],
    [
      'a string retryCount',
      { name: 'a', retryCount: '3' },
      'retryCount',
      'retryCount must be an integer',
    ],
    [
      'an unknown retryLogic',
      { name: 'a', retryLogic: 'RANDOM' },
      'retryLogic',
      'retryLogic must be one of FIXED, LINEAR_BACKOFF, EXPONENTIAL_BACKOFF',
    ],
    [
      'an unknown timeoutPolicy',
      { name: 'a', timeoutPolicy: 'TIME_OUT' },
      'timeoutPolicy',
      'timeoutPolicy must be one of RETRY, TIME_OUT_WF, ALERT_ONLY',
    ],
    [
      'a zero responseTimeoutSeconds',
      { name: 'a', responseTimeoutSeconds: 0 },
      'responseTimeoutSeconds',
      'TaskDef responseTimeoutSeconds: 0 must be >= 1',
    ],
    [
      'a negative pollTimeoutSeconds',
      { name: 'a', pollTimeoutSeconds: -5 },
      'pollTimeoutSeconds',
      'TaskDef pollTimeoutSeconds: -5 must be >= 0',
    ],
    [
      'a backoffScaleFactor below 1',
      { name: 'a', backoffScaleFactor: 0 },
      'backoffScaleFactor',
      'TaskDef backoffScaleFactor: 0 must be >= 1',
    ],
    [
      'a negative timeoutSeconds',
      { name: 'a', timeoutSeconds: -1 },
      'timeoutSeconds',
      'timeoutSeconds must be >= 0',
    ],
    [
      'the default response timeout above timeoutSeconds',
      { name: 'x', timeoutSeconds: 60 },
      'responseTimeoutSeconds',
      'TaskDef: x responseTimeoutSeconds: 3600 must be less than timeoutSeconds: 60',
    ],
    [
      'an explicit response timeout above timeoutSeconds',
      { name: 'x', timeoutSeconds: 10, responseTimeoutSeconds: 11 },
      'responseTimeoutSeconds',
      'TaskDef: x responseTimeoutSeconds: 11 must be less than timeoutSeconds: 10',
    ],
    [
      'a total timeout below timeoutSeconds',
      { name: 'x', timeoutSeconds: 10, responseTimeoutSeconds: 5, totalTimeoutSeconds: 5 },
      'totalTimeoutSeconds',
      'TaskDef: x totalTimeoutSeconds: 5 must be greater than or equal to timeoutSeconds: 10',
    ],
    [
      'a negative concurrentExecLimit',
      { name: 'a', concurrentExecLimit: -1 },
      'concurrentExecLimit',
      'concurrentExecLimit must be >= 0',
    ],
    [
      'a non-list inputKeys',
      { name: 'a', inputKeys: 'a' },
      'inputKeys',
      'inputKeys must be an array',
    ],
    [
      'a non-string inputKeys entry',
      { name: 'a', inputKeys: [1] },
      'inputKeys[0]',
      'inputKeys entries must be strings',
    ],
    [
      'a non-object inputTemplate',
      { name: 'a', inputTemplate: [] },
      'inputTemplate',
      'inputTemplate must be an object',
    ],
  ])('reports %s', (_what, def, path, message) => {
    expect(validateTaskDef(def)).toContainEqual(expect.objectContaining({ path, message }));
  });

  it('accepts the response timeout when timeoutSeconds is 0 (no timeout)', () => {
    expect(
      validateTaskDef({ name: 'x', timeoutSeconds: 0, responseTimeoutSeconds: 99999 }),
    ).toEqual([]);
  });

  it('requires ownerEmail only when asked to', () => {
    expect(validateTaskDef({ name: 'x' }, { ownerEmailMandatory: true })).toEqual([
      { path: 'ownerEmail', message: 'ownerEmail cannot be empty' },
    ]);
  });

  it('carries the invalid value', () => {
    expect(validateTaskDef({ name: 'a', retryCount: -2 })).toEqual([
      { path: 'retryCount', message: 'TaskDef retryCount: -2 must be >= 0', invalidValue: -2 },
    ]);
  });
});
