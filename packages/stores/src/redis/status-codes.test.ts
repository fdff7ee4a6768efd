import { describe, expect, it } from 'vitest';
import { executionStatusError, SCRIPT_STATUS, unavailable } from './status-codes.js';

describe('executionStatusError', () => {
  it('maps each script status to the error code every adapter raises', () => {
    expect(executionStatusError(SCRIPT_STATUS.NOT_FOUND, 'w').code).toBe('WORKFLOW_NOT_FOUND');
    expect(executionStatusError(SCRIPT_STATUS.CONFLICT, 'w', 3).code).toBe('STORE_CONFLICT');
    expect(executionStatusError(SCRIPT_STATUS.EXISTS, 'w').code).toBe('WORKFLOW_ALREADY_EXISTS');
    expect(executionStatusError(-99, 'w').code).toBe('INTERNAL');
  });
});

describe('unavailable', () => {
  const reply = (message: string): Error =>
    Object.assign(new Error(message), { name: 'ReplyError' });

  it('treats connection failures and transient replies as retryable STORE_UNAVAILABLE', () => {
    expect(unavailable(new Error('connect ECONNREFUSED'), 'pop').code).toBe('STORE_UNAVAILABLE');
    expect(unavailable(reply('LOADING Redis is loading'), 'pop').code).toBe('STORE_UNAVAILABLE');
  });

  it('names the reason in the message', () => {
    expect(unavailable(reply('CLUSTERDOWN The cluster is down'), 'pop').message).toBe(
      'Redis pop (CLUSTERDOWN The cluster is down) failed',
    );
  });

  it('treats a script error as INTERNAL, since retrying cannot fix it', () => {
    expect(unavailable(reply('ERR user_script:1: boom'), 'pop').code).toBe('INTERNAL');
  });
});
