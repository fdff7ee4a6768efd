import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionEvent } from '@baton/engine';
import { createTestApp, register, simpleDef, start } from './helpers.js';
import type { TestApp } from './helpers.js';

const ADMIN = { authorization: 'Bearer a' };
let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await createTestApp({
    sseHeartbeatMs: 200,
    apiKeys: [
      { key: 'v', role: 'viewer' },
      { key: 'a', role: 'admin' },
    ],
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  await register(t.app, simpleDef('ev_wf', 'ev_task'), ADMIN);
  await register(t.app, simpleDef('ev_other', 'ev_other_task'), ADMIN);
}, 300_000);
afterAll(async () => {
  await t?.close();
});

/** Reads SSE `data:` messages from a fetch response until `until` returns true. */
async function readEvents(
  res: Response,
  until: (events: ExecutionEvent[], raw: string) => boolean,
): Promise<{ events: ExecutionEvent[]; raw: string }> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let raw = '';
  const events: ExecutionEvent[] = [];
  while (!until(events, raw)) {
    const { value, done } = await reader.read();
    if (done) break;
    raw += decoder.decode(value, { stream: true });
    events.length = 0;
    for (const block of raw.split('\n\n')) {
      const data = block.split('\n').find((l) => l.startsWith('data: '));
      if (data && block.length > 0 && raw.includes(`${block}\n\n`))
        events.push(JSON.parse(data.slice(6)));
    }
  }
  await reader.cancel();
  return { events, raw };
}

describe('GET /api/events', () => {
  it('streams the events of one workflow as text/event-stream with heartbeats', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}/api/events?apiKey=v&workflowName=ev_wf`, {
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await start(t.app, 'ev_other', {}, ADMIN);
    const id = await start(t.app, 'ev_wf', {}, ADMIN);
    const { events, raw } = await readEvents(
      res,
      (evs, text) => evs.some((e) => e.type === 'task') && text.includes(': heartbeat'),
    );
    controller.abort();
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.workflowId === id && e.workflowName === 'ev_wf')).toBe(true);
    expect(events.find((e) => e.type === 'task')).toMatchObject({
      status: 'SCHEDULED',
      taskType: 'ev_task',
    });
    expect(raw).toContain(': heartbeat');
  });

  it('requires a key when keys are configured', async () => {
    const res = await fetch(`${base}/api/events`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('UNAUTHORIZED');
  });

  it('ends open streams when the server closes', async () => {
    const res = await fetch(`${base}/api/events?apiKey=v`);
    const reader = res.body!.getReader();
    await reader.read();
    await t.app.close();
    let done = false;
    while (!done) done = (await reader.read()).done;
    expect(done).toBe(true);
  });
});
