/** Time reaches the engine only through this port, so the decider is deterministic under test. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}
