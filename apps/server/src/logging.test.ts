import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { askedLogFormat, logStream, resolveLogFormat } from './logging.js';

function capture(format: 'pretty' | 'json'): { log: pino.Logger; text: () => string } {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString()));
  return { log: pino({ level: 'info' }, logStream(format, out, false)), text: () => text };
}

describe('log format', () => {
  it('is pretty on a terminal and JSON otherwise, unless one is asked for', () => {
    expect(resolveLogFormat(undefined, true)).toBe('pretty');
    expect(resolveLogFormat(undefined, false)).toBe('json');
    expect(resolveLogFormat('json', true)).toBe('json');
    expect(resolveLogFormat('pretty', false)).toBe('pretty');
  });

  it('writes one JSON object a line in json, a readable line in pretty', () => {
    const json = capture('json');
    json.log.info('hello');
    expect(JSON.parse(json.text().trim())).toMatchObject({ level: 30, msg: 'hello' });
    const pretty = capture('pretty');
    pretty.log.warn('hello');
    expect(pretty.text()).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: hello\n$/);
  });

  it('reads LOG_FORMAT leniently when the configuration itself failed', () => {
    expect(askedLogFormat({ LOG_FORMAT: ' JSON ' })).toBe('json');
    expect(askedLogFormat({ LOG_FORMAT: 'xml' })).toBeUndefined();
    expect(askedLogFormat({})).toBeUndefined();
  });
});
