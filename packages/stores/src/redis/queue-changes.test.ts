import { describe, expect, it } from 'vitest';
import { RedisKeys } from './keys.js';
import { encodeQueueChanges, NO_QUEUE_CHANGES } from './queue-changes.js';

const keys = new RedisKeys('p:');

describe('encodeQueueChanges', () => {
  it('numbers each queue once, in order, and registers only unknown queues that get a push', () => {
    const encoded = encodeQueueChanges(
      [
        { kind: 'push', queue: 'a', message: { id: 't1', priority: 150, delayMs: -5 } },
        { kind: 'remove', queue: 'b', id: 't0' },
        { kind: 'push', queue: 'a', message: { id: 't2', priority: 2.7, delayMs: 10 } },
        { kind: 'push', queue: 'c', message: { id: 't3', priority: 0, delayMs: 0 } },
      ],
      { keys, now: 42, isRegistered: (queue) => queue === 'c' },
    );
    const queueKeys = (name: string): string[] => Object.values(keys.queue(name));
    expect(encoded.keys).toEqual([
      keys.queueNames(),
      ...queueKeys('a'),
      ...queueKeys('b'),
      ...queueKeys('c'),
    ]);
    expect(encoded.args).toEqual([
      42,
      3,
      4,
      keys.queueChannel('a'),
      'a',
      keys.queueChannel('b'),
      '',
      keys.queueChannel('c'),
      '',
      ...['push', 1, 't1', 99, 0],
      ...['remove', 2, 't0', '', ''],
      ...['push', 1, 't2', 2, 10],
      ...['push', 3, 't3', 0, 0],
    ]);
    expect(encoded.registers).toEqual(['a']);
  });

  it('encodes no changes as an empty section with no keys', () => {
    const encoded = encodeQueueChanges([], { keys, now: 42, isRegistered: () => false });
    expect(encoded).toEqual({ keys: [], args: NO_QUEUE_CHANGES.args, registers: [] });
  });
});
