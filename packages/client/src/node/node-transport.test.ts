import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BatonClient } from '../client.js';
import { BatonApiError } from '../errors.js';
import type { BatonClientOptions } from '../http.js';
import type { Task } from '../types.js';
import { createNodeTransport } from './node-transport.js';
import type { NodeTransport } from './node-transport.js';

/** A request as the test server saw it. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Handler = (seen: Seen, res: ServerResponse) => void;

/** A real HTTP server on a free port whose answer each test sets. */
class TestServer {
  readonly seen: Seen[] = [];
  connections = 0;
  handler: Handler = (_seen, res) => res.writeHead(204).end();
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      this.seen.push(seen);
      this.handler(seen, res);
    });
  });

  constructor() {
    this.server.on('connection', () => {
      this.connections += 1;
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function reply(status: number, contentType: string, body: string): Handler {
  return (_seen, res) => res.writeHead(status, { 'content-type': contentType }).end(body);
}

const TASK = { taskId: 't-1', taskType: 'greet', status: 'IN_PROGRESS' } as Task;

/** Every behaviour is checked on the node transport and on global fetch, which it must match. */
const VARIANTS: Array<{ name: string; create: () => NodeTransport | undefined }> = [
  { name: 'createNodeTransport', create: () => createNodeTransport() },
  { name: 'global fetch', create: () => undefined },
];

describe.each(VARIANTS)('HttpTransport over $name', ({ create }) => {
  let server: TestServer;
  let transport: NodeTransport | undefined;
  let baseUrl: string;

  function client(options: Partial<BatonClientOptions> = {}): BatonClient {
    return new BatonClient({ baseUrl, transport, ...options });
  }

  beforeEach(async () => {
    server = new TestServer();
    baseUrl = await server.start();
    transport = create();
  });

  afterEach(async () => {
    await transport?.close();
    await server.stop();
  });

  it('reads a JSON body and sends the query, accept and authorization headers', async () => {
    server.handler = reply(200, 'application/json', JSON.stringify([TASK]));
    const tasks = await client({ apiKey: 'k-1', headers: { 'x-extra': 'yes' } }).tasks.batchPoll(
      'greet',
      { count: 3, timeout: 100, workerId: 'w 1' },
    );
    expect(tasks).toEqual([TASK]);
    const seen = server.seen[0];
    expect(seen?.method).toBe('GET');
    expect(seen?.url).toBe('/api/tasks/poll/batch/greet?workerid=w+1&count=3&timeout=100');
    expect(seen?.headers['authorization']).toBe('Bearer k-1');
    expect(seen?.headers['accept']).toBe('application/json');
    expect(seen?.headers['x-extra']).toBe('yes');
  });

  it('sends a JSON body with its content type and reads a text/plain answer', async () => {
    server.handler = reply(200, 'text/plain', 't-1');
    const result = {
      workflowInstanceId: 'w-1',
      taskId: 't-1',
      status: 'COMPLETED',
      outputData: { n: 1 },
    } as const;
    await expect(client().tasks.update(result)).resolves.toBe('t-1');
    const seen = server.seen[0];
    expect(seen?.method).toBe('POST');
    expect(seen?.url).toBe('/api/tasks');
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(seen?.headers['accept']).toBe('text/plain, application/json');
    expect(JSON.parse(seen?.body ?? '')).toEqual(result);
  });

  it('sends a text/plain body as is', async () => {
    server.handler = (_seen, res) => res.writeHead(200).end();
    await client().tasks.addLog('t-1', 'line "one"\nline two');
    expect(server.seen[0]?.headers['content-type']).toBe('text/plain');
    expect(server.seen[0]?.body).toBe('line "one"\nline two');
  });

  it('reads 204 and empty 200 answers as no body', async () => {
    server.handler = (_seen, res) => res.writeHead(204).end();
    await expect(client().tasks.poll('greet')).resolves.toBeNull();
    server.handler = (_seen, res) => res.writeHead(200, { 'content-length': '0' }).end();
    await expect(client().tasks.batchPoll('greet')).resolves.toEqual([]);
  });

  it("turns a non-2xx ErrorResponse into the server's BatonApiError", async () => {
    server.handler = reply(
      404,
      'application/json',
      JSON.stringify({ status: 404, code: 'TASK_NOT_FOUND', message: 'no t-9', retryable: false }),
    );
    const error: unknown = await client()
      .tasks.getLogs('t-9')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatonApiError);
    expect(error).toMatchObject({
      status: 404,
      code: 'TASK_NOT_FOUND',
      message: 'no t-9',
      retryable: false,
    });
  });

  it('turns a plain-text 503 into a retryable HTTP_503 with the text as message', async () => {
    server.handler = reply(503, 'text/plain', 'overloaded');
    await expect(client().tasks.update({} as never)).rejects.toMatchObject({
      status: 503,
      code: 'HTTP_503',
      message: 'overloaded',
      retryable: true,
    });
  });

  it('turns a refused connection into a retryable NETWORK_ERROR', async () => {
    await server.stop();
    await expect(client().tasks.poll('greet')).rejects.toMatchObject({
      status: 0,
      code: 'NETWORK_ERROR',
      retryable: true,
      message: expect.stringMatching(/^GET \/tasks\/poll\/greet failed: /) as unknown,
    });
    server = new TestServer(); // never started: afterEach's stop() is then a no-op
  });

  it('aborts a request in flight when its signal fires', async () => {
    let arrived: () => void = () => undefined;
    const onServer = new Promise<void>((resolve) => (arrived = resolve));
    server.handler = () => arrived();
    const controller = new AbortController();
    const poll = client().tasks.poll('greet', { signal: controller.signal });
    await onServer;
    controller.abort();
    const error: unknown = await poll.catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
    expect((error as BatonApiError).cause).toMatchObject({ name: 'AbortError' });
  });
});

describe('createNodeTransport', () => {
  let server: TestServer;
  let transport: NodeTransport;
  let baseUrl: string;

  beforeEach(async () => {
    server = new TestServer();
    baseUrl = await server.start();
    transport = createNodeTransport();
  });

  afterEach(async () => {
    await transport.close();
    await server.stop();
  });

  it('keeps connections alive across sequential calls', async () => {
    server.handler = reply(200, 'text/plain', 'ok');
    const client = new BatonClient({ baseUrl, transport });
    for (let i = 0; i < 20; i += 1) await client.tasks.update({} as never);
    expect(server.seen).toHaveLength(20);
    // undici (like global fetch) opens a second socket while the first one finishes its first
    // answer; after that the two are reused.
    expect(server.connections).toBeLessThanOrEqual(2);
  });

  it('opens no more than `connections` sockets to one server', async () => {
    await transport.close();
    transport = createNodeTransport({ connections: 2 });
    server.handler = (_seen, res) => setTimeout(() => res.writeHead(200).end('ok'), 20);
    const client = new BatonClient({ baseUrl, transport });
    await Promise.all(Array.from({ length: 6 }, () => client.tasks.update({} as never)));
    expect(server.seen).toHaveLength(6);
    expect(server.connections).toBe(2);
  });
});
