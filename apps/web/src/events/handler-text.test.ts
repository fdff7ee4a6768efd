import { describe, expect, it } from 'vitest';
import { formFields, newHandlerText, parseHandler, withFormField } from './handler-text.js';

describe('event handler text', () => {
  it('the form edits fields of the JSON and keeps the rest', () => {
    const text = JSON.stringify({ name: 'h', event: 'e:x', actions: [{ action: 'fail_task' }] });
    const edited = withFormField(withFormField(text, 'event', 'nats:orders'), 'active', false);
    const parsed = parseHandler(edited);
    expect(parsed.ok && parsed.value).toEqual({
      name: 'h',
      event: 'nats:orders',
      active: false,
      actions: [{ action: 'fail_task' }],
    });
  });

  it('an empty condition removes the key; a set one reads back in the form', () => {
    const withCond = withFormField('{"name":"h"}', 'condition', "$.a == 'b'");
    const parsed = parseHandler(withCond);
    expect(parsed.ok && formFields(parsed.value).condition).toBe("$.a == 'b'");
    expect(withFormField(withCond, 'condition', '')).not.toContain('condition');
  });

  it('hostile: invalid JSON or a non-object is refused with the reason and not rewritten', () => {
    const bad = '{"name": "h",';
    const parsed = parseHandler(bad);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(/^Invalid JSON: /);
    expect(withFormField(bad, 'name', 'x')).toBe(bad);
    for (const text of ['[]', 'null', '"h"', '3']) {
      const r = parseHandler(text);
      expect(!r.ok && r.error).toBe('Invalid handler: the JSON must be an object');
    }
  });

  it('a handler without active: true reads as inactive, as the server treats it', () => {
    const parsed = parseHandler('{"name":"h"}');
    expect(parsed.ok && formFields(parsed.value).active).toBe(false);
  });

  it('a new handler is a valid object whose form shows it active', () => {
    const parsed = parseHandler(newHandlerText());
    expect(parsed.ok && formFields(parsed.value)).toMatchObject({ active: true, name: '' });
  });
});
