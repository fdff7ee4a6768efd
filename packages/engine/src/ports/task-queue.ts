/**
 * Delayed, prioritised queues with leases. Used for worker task queues (one per task type or
 * `domain:taskType`), async system task queues (named after the type: HTTP, WAIT, JOIN, ...) and the
 * sweeper's `_deciderQueue` (message id = workflowId, delay = next time the workflow needs a decide).
 */
export interface QueueMessage {
  /** Task id (or workflow id on the decider queue). Unique per queue: pushing again replaces. */
  id: string;
  /** 0..99; higher is popped first among messages that are due. */
  priority: number;
  /** Milliseconds from now until the message becomes visible. */
  delayMs: number;
}

export interface TaskQueue {
  /**
   * Adds messages, or replaces the visibility time and priority of ones already in the queue
   * (including ones currently leased). Idempotent per (queue, id).
   */
  push(queue: string, messages: QueueMessage[]): Promise<void>;
  /**
   * Takes up to `count` due messages, highest priority first then oldest due time, and hides each
   * for `leaseMs`. A leased message that is not removed or pushed again becomes visible again
   * when its lease ends (redelivery). No message is handed to two callers within one lease.
   */
  pop(queue: string, count: number, leaseMs: number): Promise<string[]>;
  /** Removes a message (acknowledge); no-op when absent. */
  remove(queue: string, id: string): Promise<void>;
  /** Removes several messages of one queue at once (a batch acknowledge); absent ones are skipped. */
  removeMany(queue: string, ids: readonly string[]): Promise<void>;
  /** Whether the message is in the queue (due, delayed or leased). */
  contains(queue: string, id: string): Promise<boolean>;
  /** Messages in the queue (due, delayed and leased). */
  size(queue: string): Promise<number>;
  /** Sizes of every non-empty queue. */
  sizes(): Promise<Record<string, number>>;
  /**
   * Resolves when a message may have become available in `queue` (a push by this or another
   * server), or after `timeoutMs`, or when `signal` aborts. Used for long polling; never busy-waits.
   */
  waitForMessages(queue: string, timeoutMs: number, signal?: AbortSignalLike): Promise<void>;
}

/** The part of the platform's AbortSignal the engine uses (the engine has no DOM or node types). */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** The sweeper's queue of workflows that need a decide at some time. */
export const DECIDER_QUEUE = '_deciderQueue';

/**
 * The durable queue of `conductor:` events published by EVENT tasks (message id = the EVENT task's
 * id, or an event record's id on a retry), consumed by the server's event processor.
 */
export const EVENT_QUEUE = '_eventQueue';

/** Queues of the server itself (decider, events, the health probe's): never served to workers. */
const INTERNAL_QUEUES: ReadonlySet<string> = new Set([DECIDER_QUEUE, EVENT_QUEUE, '_health']);

/** True for a queue only the server itself may pop (see {@link INTERNAL_QUEUES}). */
export function isInternalQueue(queue: string): boolean {
  return INTERNAL_QUEUES.has(queue);
}
