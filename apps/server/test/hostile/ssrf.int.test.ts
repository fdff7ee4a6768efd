/**
 * Server-side request forgery: HTTP tasks aimed at a listener this test opens on loopback, in
 * more than 40 URL forms (IPv4 shorthands, octal and hex, IPv6 and its IPv4-carrying forms, the
 * unspecified address, user-info and fragment tricks, percent-encoded and full-width hosts,
 * redirects). None may connect. The control case reaches the same listener through a host name
 * on the allow list, so the counting is shown to work.
 */
import { createServer as createHttpServer } from 'node:http';
import type { Server as HttpServer } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workflow } from '@baton/engine';
import { buildApp } from '../../src/app.js';
import { createExecutor } from '../../src/create-executor.js';
import { createInProcessEventBus } from '../../src/events/in-process-event-bus.js';
import { openPgliteStores, register, start } from '../helpers.js';
import type { FastifyInstance } from 'fastify';

let app: FastifyInstance;
let closeApp: () => Promise<void>;
let target: Server;
let redirector: HttpServer;
let connections = 0;
let P = 0;
let R = 0;

const listen = (server: Server | HttpServer): Promise<number> =>
  new Promise((resolve) => {
    // '::' is dual-stack: the listener answers 127.0.0.0/8, ::1, ::ffff:127.0.0.1 and 0.0.0.0.
    server.listen(0, '::', () => resolve((server.address() as AddressInfo).port));
  });

beforeAll(async () => {
  target = createServer((socket) => {
    connections++;
    socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok');
  });
  P = await listen(target);
  redirector = createHttpServer((req, res) => {
    const to = new URL(req.url ?? '/', 'http://x').searchParams.get('to') ?? '/';
    res.writeHead(Number(new URL(req.url ?? '/', 'http://x').searchParams.get('code') ?? 302), {
      location: to,
    });
    res.end();
  });
  R = await listen(redirector);

  const stores = await openPgliteStores();
  const events = stores.events ?? createInProcessEventBus();
  // Only the name `localhost` is allowed (the redirector, and the control case).
  const executor = createExecutor(stores, events, { httpAllowHosts: ['localhost'] });
  app = await buildApp({
    executor,
    executions: stores.executions,
    definitions: stores.definitions,
    queue: stores.queue,
    events,
    options: { instance: 'test', background: { systemTaskIntervalMs: 50 } },
  });
  await app.ready();
  closeApp = async () => {
    await app.close();
    await stores.close();
  };
  await register(app, {
    name: 'ssrf',
    version: 1,
    schemaVersion: 2,
    ownerEmail: 'test@example.com',
    tasks: [
      {
        name: 'call',
        taskReferenceName: 'call',
        type: 'HTTP',
        inputParameters: {
          http_request: {
            uri: '${workflow.input.uri}',
            method: '${workflow.input.method}',
            connectionTimeOut: 2000,
            readTimeOut: 2000,
          },
        },
      },
    ],
  });
});

afterAll(async () => {
  await closeApp?.();
  target?.close();
  redirector?.close();
});

async function run(uri: string, method = 'GET'): Promise<Workflow> {
  const id = await start(app, 'ssrf', { uri, method });
  const deadline = Date.now() + 20_000;
  for (;;) {
    const wf = (await app.inject({ url: `/api/workflow/${id}` })).json() as Workflow;
    if (wf.status !== 'RUNNING' || Date.now() > deadline) return wf;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `localhost:R` redirects (with `code`) to `to`. */
const via = (to: string, code = 302) =>
  `http://localhost:${R}/r?code=${code}&to=${encodeURIComponent(to)}`;

const FORMS = (): Array<[string, string] | [string, string, string]> => [
  ['dotted loopback', `http://127.0.0.1:${P}/`],
  ['two-part shorthand', `http://127.1:${P}/`],
  ['three-part shorthand', `http://127.0.1:${P}/`],
  ['decimal', `http://2130706433:${P}/`],
  ['hex', `http://0x7f000001:${P}/`],
  ['dotted hex', `http://0x7f.0x0.0x0.0x1:${P}/`],
  ['hex shorthand', `http://0x7f.1:${P}/`],
  ['octal', `http://0177.0.0.1:${P}/`],
  ['padded octal', `http://0177.0000.0000.0001:${P}/`],
  ['single octal', `http://017700000001:${P}/`],
  ['zero-padded decimal', `http://127.000.000.001:${P}/`],
  ['another loopback address', `http://127.0.0.2:${P}/`],
  ['top of loopback', `http://127.255.255.254:${P}/`],
  ['trailing dot', `http://127.0.0.1.:${P}/`],
  ['upper-case scheme', `HTTP://127.0.0.1:${P}/`],
  ['https scheme', `https://127.0.0.1:${P}/`],
  ['IPv6 loopback', `http://[::1]:${P}/`],
  ['long IPv6 loopback', `http://[0:0:0:0:0:0:0:1]:${P}/`],
  ['IPv4-mapped', `http://[::ffff:127.0.0.1]:${P}/`],
  ['IPv4-mapped hex', `http://[::ffff:7f00:1]:${P}/`],
  ['long IPv4-mapped', `http://[0:0:0:0:0:ffff:127.0.0.1]:${P}/`],
  ['IPv4-compatible', `http://[::127.0.0.1]:${P}/`],
  ['IPv4-translated', `http://[::ffff:0:7f00:1]:${P}/`],
  ['NAT64', `http://[64:ff9b::127.0.0.1]:${P}/`],
  ['local-use NAT64', `http://[64:ff9b:1::7f00:1]:${P}/`],
  ['6to4', `http://[2002:7f00:1::]:${P}/`],
  ['Teredo', `http://[2001:0:4136:e378:8000:63bf:80ff:fffe]:${P}/`],
  ['unspecified IPv4', `http://0.0.0.0:${P}/`],
  ['zero', `http://0:${P}/`],
  ['unspecified IPv6', `http://[::]:${P}/`],
  ['user-info', `http://user:pass@127.0.0.1:${P}/`],
  ['user-info naming another host', `http://evil.example@127.0.0.1:${P}/`],
  ['fragment naming another host', `http://127.0.0.1:${P}#@evil.example/`],
  ['query naming another host', `http://127.0.0.1:${P}?@evil.example/`],
  ['percent-encoded host', `http://%31%32%37.0.0.1:${P}/`],
  ['full-width digits', `http://１２７.０.０.１:${P}/`],
  ['enclosed digits', `http://①②⑦.0.0.1:${P}/`],
  ['localhost with a trailing dot', `http://localhost.:${P}/`],
  ['ip6-localhost', `http://ip6-localhost:${P}/`],
  ['redirect to loopback', via(`http://127.0.0.1:${P}/`)],
  ['redirect to IPv6 loopback', via(`http://[::1]:${P}/`)],
  ['redirect to hex', via(`http://0x7f000001:${P}/`)],
  ['redirect to unspecified', via(`http://0.0.0.0:${P}/`)],
  ['redirect to IPv4-mapped', via(`http://[::ffff:127.0.0.1]:${P}/`)],
  ['307 redirect of a POST', via(`http://127.0.0.1:${P}/`, 307), 'POST'],
  ['redirect chain', via(via(`http://127.1:${P}/`)), 'GET'],
];

describe('SSRF URL forms', () => {
  it('reaches the listener through an allow-listed name (the control)', async () => {
    const before = connections;
    const wf = await run(`http://localhost:${P}/`);
    expect(wf.status).toBe('COMPLETED');
    expect(connections).toBeGreaterThan(before);
  });

  it('connects for none of more than 40 forms of the same address', async () => {
    const forms = FORMS();
    expect(forms.length).toBeGreaterThanOrEqual(40);
    const before = connections;
    const results = await Promise.all(
      forms.map(async ([label, uri, method]) => [label, uri, await run(uri, method)] as const),
    );
    const completed = results
      .filter(([, , wf]) => wf.status !== 'FAILED')
      .map(([label, uri, wf]) => `${label} (${uri}): ${wf.status}`);
    expect(completed).toEqual([]);
    expect(connections).toBe(before);
    // Each fails because the policy refused it, not by chance; the two names may not resolve at
    // all where /etc/hosts lacks them.
    const mayNotResolve = new Set(['localhost with a trailing dot', 'ip6-localhost']);
    const notRefused = results
      .filter(
        ([label, , wf]) =>
          !/Refused to connect to /.test(wf.reasonForIncompletion ?? '') &&
          !(mayNotResolve.has(label) && /ENOTFOUND|EAI_AGAIN/.test(wf.reasonForIncompletion ?? '')),
      )
      .map(([label, , wf]) => `${label}: ${wf.reasonForIncompletion}`);
    expect(notRefused).toEqual([]);
  }, 120_000);
});
