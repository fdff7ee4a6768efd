/**
 * An incremental parser of the `text/event-stream` format (WHATWG HTML, "server-sent events"), for
 * runtimes without EventSource or when headers must be sent.
 * @module
 */

/** One dispatched message. */
export interface SseMessage {
  /** `event:` field, `message` when absent. */
  event: string;
  /** `data:` lines joined with `\n`. */
  data: string;
  /** Last `id:` seen (persists across messages, as in EventSource). */
  id: string;
  /** `retry:` in ms when the message carried one. */
  retry?: number;
}

/** Feed decoded text in any chunking; complete messages come out. */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private lastId = '';
  private retry: number | undefined;
  private sawData = false;

  /** Parses `chunk` and returns the messages it completed. */
  push(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const out: SseMessage[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      if (match === null) break;
      // A lone \r at the end may be the first half of \r\n: wait for more input.
      if (match[0] === '\r' && match.index === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const message = this.line(line);
      if (message !== null) out.push(message);
    }
    return out;
  }

  private line(line: string): SseMessage | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') {
      this.data.push(value);
      this.sawData = true;
    } else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.lastId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.retry = Number(value);
    return null;
  }

  private dispatch(): SseMessage | null {
    const message: SseMessage | null = this.sawData
      ? {
          event: this.event === '' ? 'message' : this.event,
          data: this.data.join('\n'),
          id: this.lastId,
          ...(this.retry === undefined ? {} : { retry: this.retry }),
        }
      : null;
    this.data = [];
    this.event = '';
    this.retry = undefined;
    this.sawData = false;
    return message;
  }
}
