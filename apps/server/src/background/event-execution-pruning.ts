/**
 * Pruning of event handler failure records (`GET /api/event/executions`): FAILED and COMPLETED
 * records last changed longer ago than `maxAgeMs`, and those beyond the `maxRecords` most recent,
 * are removed in batches off the request path, one pass every `intervalMs` (the pattern of
 * retention.ts). RETRYING records are never removed: they carry messages still being handled.
 * Several servers may prune at once; each delete is one statement.
 * @module
 */
import type { EventHandlerStore } from '@baton/engine';
import { startPeriodicPass } from './periodic-pass.js';

export interface EventExecutionPruningOptions {
  /** Finished records last changed longer ago than this are removed. */
  maxAgeMs: number;
  /** At most this many finished records are kept (the least recently changed go first). */
  maxRecords: number;
  /** Time between passes (default 10 minutes); the first pass runs after `firstDelayMs`. */
  intervalMs?: number;
  /** Delay of the first pass (default 1 minute). */
  firstDelayMs?: number;
  /** Records removed per statement (default 500). */
  batchSize?: number;
  /** Statements per pass (default 100); the rest waits for the next pass. */
  maxBatches?: number;
  /** Pause between batches (default 100 ms). */
  pauseMs?: number;
  /** Clock (tests). */
  now?: () => number;
}

export interface EventExecutionPruning {
  /** Runs one pass now; resolves to how many records it removed. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

interface Logger {
  info(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

/** Starts the periodic passes (call `stop` to end them). */
export function startEventExecutionPruning(
  store: Pick<EventHandlerStore, 'pruneEventExecutions'>,
  log: Logger,
  options: EventExecutionPruningOptions,
): EventExecutionPruning {
  const now = options.now ?? Date.now;
  const batchSize = options.batchSize ?? 500;
  const maxBatches = options.maxBatches ?? 100;
  const pauseMs = options.pauseMs ?? 100;
  async function pass(isStopped: () => boolean): Promise<number> {
    const updatedBefore = now() - options.maxAgeMs;
    let removed = 0;
    for (let batch = 0; batch < maxBatches && !isStopped(); batch++) {
      const n = await store.pruneEventExecutions({
        updatedBefore,
        keep: options.maxRecords,
        limit: batchSize,
      });
      removed += n;
      if (n < batchSize) break;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
    if (removed > 0) log.info({ removed }, 'pruned event handler failure records');
    return removed;
  }

  return startPeriodicPass(pass, log, {
    intervalMs: options.intervalMs,
    firstDelayMs: options.firstDelayMs,
    failureMessage: 'event record pruning failed; retrying later',
  });
}
