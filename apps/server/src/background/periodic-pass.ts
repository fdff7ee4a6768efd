/**
 * A pass of background work run every `intervalMs` off the request path (retention, event record
 * pruning): one pass at a time, a failed pass logged and tried again at the next interval, and
 * `stop` waiting for the pass under way, which sees `isStopped()` turn true between its batches.
 * @module
 */

/** The passes' handle. */
export interface PeriodicPass {
  /** Runs one pass now (or joins the one under way); resolves to how much it removed. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts the passes (call `stop` to end them). */
export function startPeriodicPass(
  pass: (isStopped: () => boolean) => Promise<number>,
  log: { error(obj: unknown, msg?: string): void },
  options: {
    /** Time between passes (default 10 minutes). */
    intervalMs?: number | undefined;
    /** Delay of the first pass (default 1 minute). */
    firstDelayMs?: number | undefined;
    /** Logged with the error of a failed pass. */
    failureMessage: string;
  },
): PeriodicPass {
  let stopped = false;
  let running: Promise<number> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const isStopped = () => stopped;

  const runOnce = (): Promise<number> => {
    running ??= pass(isStopped).finally(() => {
      running = undefined;
    });
    return running;
  };
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      runOnce()
        .catch((err: unknown) => log.error({ err }, options.failureMessage))
        .finally(() => schedule(options.intervalMs ?? 10 * 60_000));
    }, delay);
    timer.unref();
  };
  schedule(options.firstDelayMs ?? 60_000);

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => 0);
    },
  };
}
