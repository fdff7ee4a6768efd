import { describe, expect, it } from 'vitest';
import { fieldOfPath } from './task-def-queries.js';

describe('fieldOfPath', () => {
  it('drops the request prefix the server adds to a validation path', () => {
    expect(fieldOfPath('taskDefs[0].retryCount')).toBe('retryCount');
    expect(fieldOfPath('taskDefs[12].responseTimeoutSeconds')).toBe('responseTimeoutSeconds');
    expect(fieldOfPath('taskDef.timeoutPolicy')).toBe('timeoutPolicy');
    expect(fieldOfPath('body.retryCount')).toBe('retryCount');
    expect(fieldOfPath('body[0].name')).toBe('name');
  });

  it('keeps nested paths and gives the whole definition as an empty field', () => {
    expect(fieldOfPath('taskDef.inputKeys[1]')).toBe('inputKeys[1]');
    expect(fieldOfPath('taskDefs[0]')).toBe('');
    expect(fieldOfPath('taskDef')).toBe('');
    // A field whose own name starts like a prefix is left alone.
    expect(fieldOfPath('bodyWeight')).toBe('bodyWeight');
  });
});
