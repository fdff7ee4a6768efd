/**
 * Work routing between the processes of a group (docs/architecture.md, "Several processes"): each
 * workflow has an owner process (routing/affinity.ts), which keeps it hot, so that one process
 * does its reads and writes and saves are not refused for a copy another process replaced.
 * Routing is an optimisation only: every save is still checked against the stored revision, so
 * work done by the wrong process, or while the owner is down, stays correct.
 */
import type { Task } from '../model/task.js';

/** Tasks another process popped from a worker queue, for their owner to claim. */
export interface RemoteClaim {
  /** The queue the ids came from (`[domain:]taskType`). */
  queueName: string;
  taskType: string;
  domain?: string;
  workerId?: string;
  /** Popped and leased by the caller; the owner claims them and acknowledges their messages. */
  ids: string[];
}

export interface WorkRouting {
  /** Processes in the group (1: no routing). */
  readonly processes: number;
  /** This process's place in the group, 0-based. */
  readonly index: number;
  /**
   * Asks process `owner` to claim `claim.ids`. Resolves, in `ids` order, to each claimed task or
   * null (nothing to claim), or to null as a whole when the owner cannot be reached, in which
   * case the caller claims them itself.
   */
  claimElsewhere(owner: number, claim: RemoteClaim): Promise<Array<Task | null> | null>;
}
