import { describe, expect, it } from 'vitest';
import { SseParser } from './sse-parser.js';

describe('SseParser', () => {
  it('dispatches a message at each blank line', () => {
    const parser = new SseParser();
    expect(parser.push('data: {"a":1}\n\ndata: {"a":2}\n\n')).toEqual([
      { event: 'message', data: '{"a":1}', id: '' },
      { event: 'message', data: '{"a":2}', id: '' },
    ]);
  });

  it('reassembles messages split anywhere across chunks, including inside CRLF', () => {
    const parser = new SseParser();
    const text = 'data: first\r\n\r\ndata: second\r\n\r\n';
    const out = [];
    for (const ch of text) out.push(...parser.push(ch));
    expect(out.map((m) => m.data)).toEqual(['first', 'second']);
  });

  it('ignores comments such as heartbeats', () => {
    const parser = new SseParser();
    expect(parser.push(': connected\n\n: heartbeat\n\ndata: x\n\n')).toEqual([
      { event: 'message', data: 'x', id: '' },
    ]);
  });

  it('joins multi-line data with newlines and reads event, id and retry fields', () => {
    const parser = new SseParser();
    expect(parser.push('event: update\nid: 7\nretry: 2500\ndata: line 1\ndata:line 2\n\n')).toEqual(
      [{ event: 'update', data: 'line 1\nline 2', id: '7', retry: 2500 }],
    );
    expect(parser.push('data: next\n\n')).toEqual([{ event: 'message', data: 'next', id: '7' }]);
  });

  it('does not dispatch a message without data and keeps an unterminated message pending', () => {
    const parser = new SseParser();
    expect(parser.push('event: ping\n\n')).toEqual([]);
    expect(parser.push('data: partial')).toEqual([]);
    expect(parser.push('\n\n')).toEqual([{ event: 'message', data: 'partial', id: '' }]);
  });

  it('handles CR-only line endings', () => {
    const parser = new SseParser();
    expect(parser.push('data: a\r\rdata: b\r\r').map((m) => m.data)).toEqual(['a']);
    expect(parser.push('x').map((m) => m.data)).toEqual(['b']);
  });
});
