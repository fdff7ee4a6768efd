/**
 * Retention (`BATON_RETENTION_DAYS`): finished executions (COMPLETED, FAILED, TIMED_OUT,
 * TERMINATED) that ended longer ago than the retention are removed with their tasks, logs and
 * queue messages, in batches, off the request path: one pass every `intervalMs`, each batch found
 * through the search index (oldest first) and removed one execution at a time, with a pause between
 * batches. Several servers may run it at once: an execution another server removed first is
 * skipped.
 * @module
 */
import { isBatonError } from '@baton/engine';
import type { ExecutionStore, SearchExpression, WorkflowExecutor } from '@baton/engine';
import { startPeriodicPass } from './periodic-pass.js';

export interface RetentionOptions {
  /** Finished executions that ended longer ago than this are removed. */
  maxAgeMs: number;
  /** Time between passes (default 10 minutes); the first pass runs after `firstDelayMs`. */
  intervalMs?: number;
  /** Delay of the first pass (default 1 minute, so a starting server serves first). */
  firstDelayMs?: number;
  /** Executions removed per batch (default 100). */
  batchSize?: number;
  /** Batches per pass (default 100); the rest waits for the next pass. */
  maxBatches?: number;
  /** Pause between batches (default 100 ms). */
  pauseMs?: number;
  /** Clock (tests). */
  now?: () => number;
}

export interface Retention {
  /** Runs one pass now; resolves to how many executions it removed. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

interface Logger {
  info(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

const FINISHED = ['COMPLETED', 'FAILED', 'TIMED_OUT', 'TERMINATED'];

/** The search for finished executions that ended before `cutoff`. */
export function expiredQuery(cutoff: number): SearchExpression {
  return {
    type: 'and',
    items: [
      { type: 'condition', field: 'status', op: 'IN', values: FINISHED },
      { type: 'condition', field: 'endTime', op: '<', values: [cutoff] },
    ],
  };
}

/** Starts the periodic passes (call `stop` to end them). */
export function startRetention(
  executor: WorkflowExecutor,
  executions: ExecutionStore,
  log: Logger,
  options: RetentionOptions,
): Retention {
  const now = options.now ?? Date.now;
  const batchSize = options.batchSize ?? 100;
  const maxBatches = options.maxBatches ?? 100;
  const pauseMs = options.pauseMs ?? 100;
  async function pass(isStopped: () => boolean): Promise<number> {
    const cutoff = now() - options.maxAgeMs;
    let removed = 0;
    for (let batch = 0; batch < maxBatches && !isStopped(); batch++) {
      const found = await executions.searchWorkflows({
        start: 0,
        size: batchSize,
        sort: [{ field: 'endTime', order: 'ASC' }],
        query: expiredQuery(cutoff),
        freeText: '*',
      });
      if (found.results.length === 0) break;
      for (const workflow of found.results) {
        if (isStopped()) break;
        try {
          await executor.remove(workflow.workflowId);
          removed += 1;
        } catch (e) {
          if (!isBatonError(e) || e.code !== 'WORKFLOW_NOT_FOUND') throw e;
        }
      }
      if (found.results.length < batchSize) break;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
    if (removed > 0) log.info({ removed, cutoff }, 'retention removed finished executions');
    return removed;
  }

  return startPeriodicPass(pass, log, {
    intervalMs: options.intervalMs,
    firstDelayMs: options.firstDelayMs,
    failureMessage: 'retention pass failed; retrying later',
  });
}
