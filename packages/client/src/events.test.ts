import { describe, expect, it, vi } from 'vitest';
import { BatonClient } from './client.js';
import type { BatonApiError } from './errors.js';
import type { EventSourceLike } from './events.js';
import { FakeFetch, textResponse } from './testing/fake-fetch.js';
import type { ExecutionEvent } from './types.js';

const EVENT: ExecutionEvent = {
  type: 'workflow',
  workflowId: 'w1',
  workflowName: 'wf',
  workflowVersion: 1,
  status: 'RUNNING',
  time: 1,
};

/** A streaming response whose chunks are pushed by the test. */
function streamResponse() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  const encoder = new TextEncoder();
  return {
    response: new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
    send: (text: string) => controller.enqueue(encoder.encode(text)),
    end: () => controller.close(),
  };
}

async function until(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('EventsApi over a fetch stream', () => {
  it('delivers each data message as an ExecutionEvent, with the filter and the key sent', async () => {
    const stream = streamResponse();
    const fake = new FakeFetch().reply(stream.response);
    const client = new BatonClient({ baseUrl: 'http://h', apiKey: 'k1', fetch: fake.fetch });
    const seen: ExecutionEvent[] = [];
    const stop = client.events.subscribe({ workflowId: 'w1' }, (e) => seen.push(e));
    await until(() => fake.requests.length === 1);
    stream.send(': connected\n\ndata: ');
    stream.send(`${JSON.stringify(EVENT)}\n\n: heartbeat\n\n`);
    stream.send(`data: ${JSON.stringify({ ...EVENT, status: 'COMPLETED' })}\n\n`);
    await until(() => seen.length === 2);
    expect(seen.map((e) => e.status)).toEqual(['RUNNING', 'COMPLETED']);
    expect(fake.last.path).toBe('/events?workflowId=w1');
    expect(fake.last.headers['authorization']).toBe('Bearer k1');
    expect(fake.last.headers['accept']).toBe('text/event-stream');
    stop();
    expect(fake.last.signal?.aborted).toBe(true);
  });

  it('reconnects with backoff after the stream ends or the server fails, reporting each failure', async () => {
    const first = streamResponse();
    const second = streamResponse();
    const fake = new FakeFetch().reply(
      first.response,
      textResponse('{"code":"INTERNAL","message":"boom"}', 500),
      second.response,
    );
    const client = new BatonClient({
      baseUrl: 'http://h',
      fetch: fake.fetch,
      events: { reconnect: { initialMs: 10, jitter: 0 } },
    });
    const errors: BatonApiError[] = [];
    const seen: ExecutionEvent[] = [];
    const stop = client.events.subscribe(
      {},
      (e) => seen.push(e),
      (e) => errors.push(e),
    );
    await until(() => fake.requests.length === 1);
    first.end();
    await until(() => fake.requests.length === 3);
    second.send(`data: ${JSON.stringify(EVENT)}\n\n`);
    await until(() => seen.length === 1);
    expect(errors.map((e) => e.code)).toEqual(['NETWORK_ERROR', 'INTERNAL']);
    expect(fake.requests[0]?.path).toBe('/events');
    stop();
    const count = fake.requests.length;
    await new Promise((r) => setTimeout(r, 60));
    expect(fake.requests.length).toBe(count);
  });

  it('reports invalid event JSON without stopping the stream', async () => {
    const stream = streamResponse();
    const fake = new FakeFetch().reply(stream.response);
    const client = new BatonClient({ baseUrl: 'http://h', fetch: fake.fetch });
    const onError = vi.fn();
    const seen: ExecutionEvent[] = [];
    const stop = client.events.subscribe({}, (e) => seen.push(e), onError);
    await until(() => fake.requests.length === 1);
    stream.send(`data: not json\n\ndata: ${JSON.stringify(EVENT)}\n\n`);
    await until(() => seen.length === 1);
    expect(onError).toHaveBeenCalledTimes(1);
    stop();
  });
});

class FakeEventSource implements EventSourceLike {
  static instances: FakeEventSource[] = [];
  readyState = 0;
  closed = false;
  onopen: EventSourceLike['onopen'] = null;
  onmessage: EventSourceLike['onmessage'] = null;
  onerror: EventSourceLike['onerror'] = null;
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
  emit(data: string): void {
    this.onmessage?.call(this, new MessageEvent('message', { data }));
  }
  fail(closed: boolean): void {
    if (closed) this.readyState = 2;
    this.onerror?.call(this, new Event('error'));
  }
}

describe('EventsApi over EventSource', () => {
  it('passes the API key in the query, delivers messages and reconnects when the source closes', async () => {
    FakeEventSource.instances = [];
    const client = new BatonClient({
      baseUrl: 'http://h',
      apiKey: 'k 2',
      events: { EventSource: FakeEventSource, reconnect: { initialMs: 5, jitter: 0 } },
    });
    const seen: ExecutionEvent[] = [];
    const errors: unknown[] = [];
    const stop = client.events.subscribe(
      { workflowName: 'wf' },
      (e) => seen.push(e),
      (e) => errors.push(e),
    );
    const [first] = FakeEventSource.instances;
    expect(first?.url).toBe('http://h/api/events?workflowName=wf&apiKey=k+2');
    first?.emit(JSON.stringify(EVENT));
    expect(seen).toEqual([EVENT]);
    first?.fail(false);
    expect(FakeEventSource.instances).toHaveLength(1);
    first?.fail(true);
    await until(() => FakeEventSource.instances.length === 2);
    expect(errors).toHaveLength(2);
    stop();
    expect(FakeEventSource.instances[1]?.closed).toBe(true);
  });
});
