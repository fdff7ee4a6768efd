import { describe, expect, it } from 'vitest';
import { executionSpan, statusAt } from './status-at.js';
import { makeTask } from './fixtures.test-util.js';

const done = makeTask('a', {
  status: 'COMPLETED',
  scheduledTime: 100,
  startTime: 200,
  endTime: 300,
});
const failed = makeTask('b', {
  status: 'FAILED',
  scheduledTime: 300,
  startTime: 350,
  endTime: 500,
});
const running = makeTask('c', { status: 'IN_PROGRESS', scheduledTime: 500, startTime: 600 });

describe('statusAt', () => {
  it('leaves out tasks scheduled after the moment', () => {
    expect(statusAt([done, failed, running], 250).map((t) => t.referenceTaskName)).toEqual(['a']);
  });

  it('shows SCHEDULED before the start, IN_PROGRESS before the end, the final status after', () => {
    const at = (time: number) => statusAt([done], time)[0]?.status;
    expect(at(150)).toBe('SCHEDULED');
    expect(at(250)).toBe('IN_PROGRESS');
    expect(at(300)).toBe('COMPLETED');
    expect(at(10_000)).toBe('COMPLETED');
  });

  it('clears the end time of a task that had not ended yet', () => {
    const [b] = statusAt([failed], 400);
    expect(b?.status).toBe('IN_PROGRESS');
    expect(b?.endTime).toBe(0);
  });

  it('keeps a still-running task running and reuses unchanged rows', () => {
    const rows = statusAt([done, running], 700);
    expect(rows[0]).toBe(done);
    expect(rows[1]?.status).toBe('IN_PROGRESS');
  });

  it('shows a skipped row (only an end time) from its end time on', () => {
    const skipped = makeTask('d', { status: 'SKIPPED', seq: 0, endTime: 400 });
    expect(statusAt([skipped], 399)).toEqual([]);
    expect(statusAt([skipped], 400)[0]?.status).toBe('SKIPPED');
  });
});

describe('executionSpan', () => {
  it('runs from the first scheduled time to the last end of a finished execution', () => {
    expect(executionSpan([done, failed], { startTime: 90, endTime: 520 }, 9999)).toEqual({
      start: 90,
      end: 520,
    });
  });

  it('extends a running execution to now', () => {
    expect(executionSpan([done, running], { startTime: 100 }, 900)).toEqual({
      start: 100,
      end: 900,
    });
  });
});
