/**
 * The queue-change section that `createExecution-3+` and `saveExecution-3+` take on standalone
 * Redis (layout in `lua/lib/queue.lua`), and the message encoding it shares with `pushMessages-3`.
 * @module
 */
import type { QueueChange, QueueMessage } from '@baton/engine';
import type { RedisKeys } from './keys.js';

type ScriptArg = string | number;

/** The KEYS and ARGV of a queue-change section, ready to splice into a script call. */
export interface EncodedQueueChanges {
  /** The queue-names set then each queue's delayed, ready and priorities keys; none when empty. */
  keys: string[];
  /** now, queue count, change count, then per queue and per change values. */
  args: ScriptArg[];
  /** Call once the script has applied the changes (notes the queue names it registered). */
  applied(): void;
}

/** The section of a create or save that changes no queue. */
export const NO_QUEUE_CHANGES: EncodedQueueChanges = {
  keys: [],
  args: [0, 0, 0],
  applied: () => undefined,
};

/** A message as the scripts take it: id, priority clamped to 0..99, delay of at least 0 ms. */
export function toMessageArgs(message: QueueMessage): [string, number, number] {
  return [message.id, clampPriority(message.priority), Math.max(0, message.delayMs)];
}

/** What {@link encodeQueueChanges} needs to know of the queue it encodes for. */
export interface QueueChangeContext {
  keys: RedisKeys;
  /** The queue's clock reading (Lua has no deterministic clock). */
  now: number;
  /** Whether `queue` is known to be in the queue-names set already. */
  isRegistered(queue: string): boolean;
}

/**
 * Encodes `changes` for the scripts, keeping their order: each queue they touch once (keys,
 * channel, and its name when a push must add it to the queue-names set), then each change by
 * queue number. Returns the names it asks the script to register with the section.
 */
export function encodeQueueChanges(
  changes: readonly QueueChange[],
  context: QueueChangeContext,
): { keys: string[]; args: ScriptArg[]; registers: string[] } {
  if (changes.length === 0) return { keys: [], args: [...NO_QUEUE_CHANGES.args], registers: [] };
  const numbers = new Map<string, number>();
  const pushed = new Set<string>();
  const changeArgs: ScriptArg[] = [];
  for (const change of changes) {
    const number = numbers.get(change.queue) ?? numbers.size + 1;
    numbers.set(change.queue, number);
    if (change.kind === 'push') {
      pushed.add(change.queue);
      const [id, priority, delayMs] = toMessageArgs(change.message);
      changeArgs.push('push', number, id, priority, delayMs);
    } else {
      changeArgs.push('remove', number, change.id, '', '');
    }
  }
  const keys = [context.keys.queueNames()];
  const queueArgs: ScriptArg[] = [];
  const registers: string[] = [];
  for (const queue of numbers.keys()) {
    const queueKeys = context.keys.queue(queue);
    keys.push(queueKeys.delayed, queueKeys.ready, queueKeys.priorities);
    const register = pushed.has(queue) && !context.isRegistered(queue);
    if (register) registers.push(queue);
    queueArgs.push(context.keys.queueChannel(queue), register ? queue : '');
  }
  return {
    keys,
    args: [context.now, numbers.size, changes.length, ...queueArgs, ...changeArgs],
    registers,
  };
}

function clampPriority(priority: number): number {
  return Math.min(99, Math.max(0, Math.trunc(priority) || 0));
}
