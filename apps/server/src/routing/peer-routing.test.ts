import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { batonError, isBatonError, withAffinitySlot } from '@baton/engine';
import { PeerRouting, peerSocketPath } from './peer-routing.js';

const open: PeerRouting[] = [];
let dir = '';

function group(): [PeerRouting, PeerRouting] {
  dir = mkdtempSync(join(tmpdir(), 'baton-peers-test-'));
  const pair: [PeerRouting, PeerRouting] = [new PeerRouting(2, 0, dir), new PeerRouting(2, 1, dir)];
  open.push(...pair);
  return pair;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((p) => p.close()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('calls between the processes of a group', () => {
  it('knows which workflows another process owns', () => {
    const [a] = group();
    const id = '6ec0bd7f-11c0-43da-975e-2a8ad9ebae00';
    expect(a.ownerElsewhere(withAffinitySlot(id, 4))).toBeUndefined();
    expect(a.ownerElsewhere(withAffinitySlot(id, 7))).toBe(1);
    // No slot: any process does the work.
    expect(a.ownerElsewhere('my-order-id')).toBeUndefined();
  });

  it('runs a call in the owner and brings back its value, several at once on one connection', async () => {
    const [a, b] = group();
    await b.listen({ double: async (arg) => (arg as number) * 2 });
    const answers = await Promise.all([1, 2, 3].map((n) => a.call(1, 'double', n)));
    expect(answers).toEqual([{ value: 2 }, { value: 4 }, { value: 6 }]);
    expect(a.stats.forwarded).toBe(3);
  });

  it("passes the owner's typed errors back, and turns others into plain errors", async () => {
    const [a, b] = group();
    await b.listen({
      missing: async () => {
        throw batonError('TASK_NOT_FOUND', 'No such task: t1');
      },
      broken: async () => {
        throw new Error('boom');
      },
    });
    const typed = await a.call(1, 'missing', {}).catch((e: unknown) => e);
    expect(isBatonError(typed) && typed.code).toBe('TASK_NOT_FOUND');
    expect((typed as Error).message).toBe('No such task: t1');
    const plain = await a.call(1, 'broken', {}).catch((e: unknown) => e);
    expect(isBatonError(plain)).toBe(false);
    expect((plain as Error).message).toBe('boom');
    const unknown = await a.call(1, 'constructor', {}).catch((e: unknown) => e);
    expect((unknown as Error).message).toMatch(/unknown peer call/);
  });

  it('answers null when the owner is not listening, so the caller does the work itself', async () => {
    const [a] = group();
    expect(await a.call(1, 'double', 1)).toBeNull();
    expect(a.stats.failures).toBe(1);
  });

  it('fails the calls in flight when the owner goes away, and reconnects to its replacement', async () => {
    const [a, b] = group();
    let release: () => void = () => undefined;
    await b.listen({
      hang: () => new Promise((resolve) => (release = () => resolve('late'))),
      ping: async () => 'pong',
    });
    const hanging = a.call(1, 'hang', {}).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    await b.close();
    expect(((await hanging) as Error).message).toMatch(/closed/);
    release();
    const replacement = new PeerRouting(2, 1, dir);
    open.push(replacement);
    await replacement.listen({ ping: async () => 'pong again' });
    expect(await a.call(1, 'ping', {})).toEqual({ value: 'pong again' });
  });

  it('ignores lines that are not calls, and keeps serving the connection', async () => {
    const [, b] = group();
    await b.listen({ ping: async () => 'pong' });
    const socket = createConnection(peerSocketPath(dir, 1));
    await new Promise((r) => socket.once('connect', r));
    const received: string[] = [];
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => received.push(chunk));
    socket.write('not json\n{"op":"ping"}\nnull\n[1,2]\n{"id":7,"op":"ping","arg":null}\n');
    await expect.poll(() => received.join('')).toContain('"id":7');
    expect(JSON.parse(received.join('').trim())).toEqual({ id: 7, value: 'pong' });
    socket.destroy();
  });
});
