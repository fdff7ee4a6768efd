import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo, Server as TcpServer, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpRequest } from '@baton/engine';
import { FetchHttpCaller } from './fetch-http-caller.js';

let server: Server;
let port: number;

function handle(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const path = req.url ?? '/';
    if (path === '/slow') {
      setTimeout(() => res.end('late'), 3_000);
      return;
    }
    if (path.startsWith('/redirect-to/')) {
      res
        .writeHead(302, { location: decodeURIComponent(path.slice('/redirect-to/'.length)) })
        .end();
      return;
    }
    if (path === '/big') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('x'.repeat(2_000));
      return;
    }
    res.writeHead(201, { 'content-type': 'application/json', 'x-multi': ['a', 'b'] });
    res.end(
      JSON.stringify({
        method: req.method,
        path,
        header: req.headers['x-test'] ?? null,
        body: Buffer.concat(chunks).toString('utf8'),
      }),
    );
  });
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function get(uri: string, overrides: Partial<HttpRequest> = {}): HttpRequest {
  return {
    uri,
    method: 'GET',
    headers: {},
    connectionTimeOutMs: 2_000,
    readTimeOutMs: 2_000,
    ...overrides,
  };
}

describe('FetchHttpCaller: address policy', () => {
  const refusing = new FetchHttpCaller();
  afterAll(() => refusing.close());

  it('refuses a loopback server by default', async () => {
    await expect(refusing.call(get(`http://127.0.0.1:${port}/`))).rejects.toThrow(
      /Refused to connect to 127\.0\.0\.1: loopback/,
    );
  });

  it('refuses hostnames that resolve to loopback, checking the resolved address', async () => {
    await expect(refusing.call(get(`http://localhost:${port}/`))).rejects.toThrow(
      /Refused to connect to localhost \(resolved to (127\.0\.0\.1|::1)\): loopback/,
    );
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://10.1.2.3/', 'private'],
    ['http://172.16.0.1/', 'private'],
    ['http://192.168.1.1/', 'private'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://[::1]/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://[::ffff:169.254.169.254]/', 'link-local'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://[fd00::1]/', 'private'],
    ['http://2130706433/', 'loopback'],
  ])('refuses %s as %s', async (uri, reason) => {
    await expect(refusing.call(get(uri))).rejects.toThrow(
      new RegExp(`Refused to connect.*${reason}`),
    );
  });

  it('refuses schemes other than http and https', async () => {
    await expect(refusing.call(get('file:///etc/passwd'))).rejects.toThrow(
      /Refused URI scheme file:/,
    );
    await expect(refusing.call(get('ftp://example.com/'))).rejects.toThrow(
      /Refused URI scheme ftp:/,
    );
    await expect(refusing.call(get('not a url'))).rejects.toThrow(/Invalid HTTP URI/);
  });

  it('reaches a loopback server when its address is allow-listed', async () => {
    const allowing = new FetchHttpCaller({ allowHosts: ['127.0.0.0/8'] });
    const res = await allowing.call(get(`http://127.0.0.1:${port}/hello`));
    expect(res.statusCode).toBe(201);
    await allowing.close();
  });

  it('reaches a server when its hostname is allow-listed', async () => {
    const allowing = new FetchHttpCaller({ allowHosts: ['LOCALHOST'] });
    const res = await allowing.call(get(`http://localhost:${port}/by-name`));
    expect(JSON.parse(res.body)).toMatchObject({ path: '/by-name' });
    await allowing.close();
  });

  it('refuses a redirect to an address that is not allowed', async () => {
    const allowing = new FetchHttpCaller({ allowHosts: ['localhost'] });
    const target = encodeURIComponent(`http://127.0.0.1:${port}/secret`);
    await expect(
      allowing.call(get(`http://localhost:${port}/redirect-to/${target}`)),
    ).rejects.toThrow(/Refused to connect to 127\.0\.0\.1: loopback/);
    await allowing.close();
  });
});

describe('FetchHttpCaller: requests', () => {
  const http = new FetchHttpCaller({ allowHosts: ['127.0.0.1'], maxBodyBytes: 1_000 });
  afterAll(() => http.close());

  it('sends the method, headers and body and returns status, reason, headers and body', async () => {
    const res = await http.call({
      ...get(`http://127.0.0.1:${port}/echo`),
      method: 'post',
      headers: { 'x-test': 'yes', 'content-type': 'application/json' },
      body: '{"k":1}',
    });
    expect(res.statusCode).toBe(201);
    expect(res.reasonPhrase).toBe('Created');
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['x-multi']).toEqual(['a', 'b']);
    expect(JSON.parse(res.body)).toEqual({
      method: 'POST',
      path: '/echo',
      header: 'yes',
      body: '{"k":1}',
    });
  });

  it('supports PUT and DELETE', async () => {
    for (const method of ['PUT', 'DELETE']) {
      const res = await http.call({ ...get(`http://127.0.0.1:${port}/m`), method, body: 'b' });
      expect(JSON.parse(res.body)).toMatchObject({ method, body: 'b' });
    }
  });

  it('follows redirects to allowed addresses', async () => {
    const target = encodeURIComponent(`http://127.0.0.1:${port}/final`);
    const res = await http.call(get(`http://127.0.0.1:${port}/redirect-to/${target}`));
    expect(JSON.parse(res.body)).toMatchObject({ path: '/final' });
  });

  it('honours the read timeout', async () => {
    const started = Date.now();
    await expect(
      http.call(get(`http://127.0.0.1:${port}/slow`, { readTimeOutMs: 150 })),
    ).rejects.toThrow(/Read from 127\.0\.0\.1:\d+ timed out after 150 ms/);
    // undici checks its timers with about 1 s resolution.
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it('honours the connect timeout (a TLS handshake that never completes)', async () => {
    const sockets: Socket[] = [];
    const silent: TcpServer = createTcpServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentPort = (silent.address() as AddressInfo).port;
    const started = Date.now();
    await expect(
      http.call(get(`https://127.0.0.1:${silentPort}/`, { connectionTimeOutMs: 150 })),
    ).rejects.toThrow(/Connection to 127\.0\.0\.1:\d+ timed out after 150 ms/);
    expect(Date.now() - started).toBeLessThan(2_500);
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('fails when the response body exceeds the cap', async () => {
    await expect(http.call(get(`http://127.0.0.1:${port}/big`))).rejects.toThrow(
      /exceeds the limit of 1000 bytes/,
    );
  });
});
