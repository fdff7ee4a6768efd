import { describe, expect, it } from 'vitest';
import { isActiveStatus, statusLabel, statusTone } from './status-style.js';

describe('statusTone', () => {
  it('colours every failure-like status as a failure', () => {
    for (const s of ['FAILED', 'FAILED_WITH_TERMINAL_ERROR', 'TIMED_OUT', 'TERMINATED'])
      expect(statusTone(s)).toBe('failure');
  });

  it('tells running, success, warning and skipped apart', () => {
    expect(statusTone('IN_PROGRESS')).toBe('running');
    expect(statusTone('RUNNING')).toBe('running');
    expect(statusTone('COMPLETED')).toBe('success');
    expect(statusTone('COMPLETED_WITH_ERRORS')).toBe('warning');
    expect(statusTone('SKIPPED')).toBe('skipped');
    expect(statusTone('PAUSED')).toBe('paused');
  });

  it('treats unknown strings and nodes without a task as pending', () => {
    expect(statusTone('NOT_SCHEDULED')).toBe('pending');
    expect(statusTone('WHATEVER')).toBe('pending');
  });
});

describe('statusLabel', () => {
  it('turns a status constant into words', () => {
    expect(statusLabel('IN_PROGRESS')).toBe('In progress');
    expect(statusLabel('FAILED_WITH_TERMINAL_ERROR')).toBe('Failed with terminal error');
  });
});

describe('isActiveStatus', () => {
  it('is true only for statuses that still move by themselves', () => {
    expect(isActiveStatus('SCHEDULED')).toBe(true);
    expect(isActiveStatus('RUNNING')).toBe(true);
    expect(isActiveStatus('COMPLETED')).toBe(false);
    expect(isActiveStatus('PAUSED')).toBe(false);
  });
});
